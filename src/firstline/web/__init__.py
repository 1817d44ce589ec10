"""The web edge: the HTTP API under ``/api/v1``, the demo page and the chat widget.

``create_app(services)`` builds the FastAPI application from already-built services; the
composition root (``firstline serve``) builds those and runs the app with uvicorn.
"""

from firstline.web.app import create_app

__all__ = ["create_app"]
