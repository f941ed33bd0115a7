"""FastAPI dependencies as ``Annotated`` aliases: the engine, settings and the caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from sync.central.accounts import User, user_for_token
from sync.central.problems import NotFound, Unauthorized
from sync.central.scope import regions
from sync.central.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="the token from POST /auth/login")


def get_engine(request: Request) -> Engine:
    """The app's database engine."""
    engine: Engine = request.app.state.engine
    return engine


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def get_token(credentials: Credentials) -> str:
    """The bearer token of the request; Unauthorized without one."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized("missing bearer token; log in first")
    return credentials.credentials


TokenDep = Annotated[str, Depends(get_token)]


def current_user(engine: EngineDep, token: TokenDep) -> User:
    """The account behind the bearer token."""
    return user_for_token(engine, token)


CurrentUser = Annotated[User, Depends(current_user)]


def known_region(
    region: str | None = Query(
        default=None,
        min_length=6,
        max_length=9,
        pattern=r"^[0-9]+$",
        description="a code of the region tree (default: the caller's region)",
    ),
) -> str | None:
    """The ``region`` query parameter; NotFound (404) for a code the region tree lacks."""
    if region is not None and regions().get(region) is None:
        raise NotFound(f"region: no region has the code {region}")
    return region


RegionQuery = Annotated[str | None, Depends(known_region)]
