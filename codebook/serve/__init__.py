"""`python build.py serve`: everything that only the local preview needs, outside the core.

- server.py: the command (build, watch, rebuild on save, serve until stopped);
- liveserver.py: the HTTP server on 127.0.0.1 and the live-reload channel to open tabs;
- preview.py: the preview folder, updated in place after each build (update_site), and the
  deferred search job that indexes a build after its pages are served.

The core (codebook/build.py) knows nothing of these: `build()` returns a result and serve
decides how to write it.
"""

from .server import ServeOptions, serve

__all__ = ["ServeOptions", "serve"]
