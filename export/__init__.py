"""Finished documents (PDF, XLSX, Word, web page) written from the report core; depends on model/ only."""
