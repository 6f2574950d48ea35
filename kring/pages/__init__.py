"""Server-rendered pages for members and staff."""
