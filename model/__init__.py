"""The report core: pure Python, no Qt.  gui/ and export/ build on it; it imports neither."""
