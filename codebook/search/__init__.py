"""Search: one record per code, the file:// script index and the Pagefind bundle (stage.py plans them)."""
