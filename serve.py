"""The web server: ``streamlit run serve.py``. Streamlit's ASGI app over ``app.py``, plus the one
route a page script cannot provide: it sends the browser its HttpOnly session cookie, in exchange
for the one-minute, single-use code the page hands it after a local sign-in (see README
"Sign-in and recovery"). ``streamlit run app.py`` still works; sign-ins then end with the tab."""

from pathlib import Path
from typing import Literal, TypedDict

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app_pages.common import SESSION_COOKIE, SESSION_ROUTE
from ucj.core.settings import load_settings
from ucj.storage import signin


class _CookieOptions(TypedDict):
    path: str
    secure: bool
    httponly: bool
    samesite: Literal["lax", "strict", "none"]


async def session_cookie(request: Request) -> JSONResponse:
    """POST {"code": …}: sets the session cookie (403 for a forged, expired or spent code);
    DELETE: removes it (signing out)."""
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    cookie: _CookieOptions = {"path": "/", "secure": secure, "httponly": True, "samesite": "strict"}
    if request.method == "DELETE":
        response = JSONResponse({"ok": True})
        response.delete_cookie(SESSION_COOKIE, **cookie)
        return response
    try:
        body = await request.json()
    except ValueError:
        body = None
    code = body.get("code") if isinstance(body, dict) else None
    settings = load_settings()
    found = await run_in_threadpool(signin.redeem_handoff, settings.data_dir, settings, code)
    if found is None:
        return JSONResponse({"ok": False}, status_code=403)
    token, max_age = found
    response = JSONResponse({"ok": True})
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, **cookie)
    return response


ROUTES = [Route(SESSION_ROUTE, session_cookie, methods=["POST", "DELETE"])]
app = st.App(str(Path(__file__).resolve().parent / "app.py"), routes=ROUTES)
