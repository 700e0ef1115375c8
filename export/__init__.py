"""Finished documents (PDF, XLSX) written from the report core; depends on model/ only."""
