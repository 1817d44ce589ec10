"""Staff accounts and logins: the rules around the staff store (validation, hashing, expiry).

A login is a random token in an HttpOnly cookie; the store keeps only its SHA-256 and a CSRF
token, so any process can check any request and nothing in the database opens a session.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from firstline.domain.language import Language
from firstline.errors import InvalidInput
from firstline.storage.staff import Role, StaffUser
from firstline.web.auth.passwords import dummy_hash, hash_password, needs_rehash, password_problem, verify_password
from firstline.web.ports import StaffStore

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,99}$")


def utc_now() -> datetime:
    """The real time, in UTC."""
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    """What the store keeps of a session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_username(username: str) -> str:
    """Usernames are compared in lower case, without surrounding spaces."""
    return username.strip().lower()


def username_problem(username: str) -> str | None:
    """What is wrong with a new username, or None."""
    if not USERNAME.match(username):
        return "the username must have 2 to 100 characters: letters, digits, '.', '_', '@' or '-'"
    return None


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """How long a login lasts: ``idle`` without a request, ``absolute`` at most."""

    idle: timedelta = timedelta(hours=8)
    absolute: timedelta = timedelta(hours=24)


@dataclass(frozen=True, slots=True, kw_only=True)
class Login:
    """A started login: the token goes into the cookie, the CSRF token into every form."""

    token: str
    csrf_token: str
    user: StaffUser
    expires_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StaffContext:
    """The staff member behind a request."""

    user: StaffUser
    csrf_token: str
    token_hash: str

    @property
    def username(self) -> str:
        """The name the audit log shows (as ``staff:<username>``)."""
        return self.user.username

    def may(self, role: Role) -> bool:
        """Whether this person's role includes ``role``."""
        return self.user.role.includes(role)


class StaffAccounts:
    """Create, check and change staff accounts; start, check and end logins."""

    def __init__(
        self,
        store: StaffStore,
        *,
        policy: SessionPolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._store = store
        self.policy = policy or SessionPolicy()
        self._clock = clock

    async def create_user(
        self,
        username: str,
        password: str,
        role: Role,
        *,
        display_name: str = "",
        language: Language | None = None,
    ) -> StaffUser:
        """A new active account; raises ``InvalidInput`` (or ``UsernameTaken``) with what is wrong."""
        name = normalise_username(username)
        problem = username_problem(name) or password_problem(password)
        if problem:
            raise InvalidInput(problem)
        return await self._store.add_user(
            name,
            password_hash=hash_password(password),
            role=role,
            now=self._clock(),
            display_name=display_name.strip()[:200],
            language=language,
        )

    async def authenticate(self, username: str, password: str) -> StaffUser | None:
        """The active account these credentials belong to, or None (same work whether the name exists or not)."""
        if len(password) > 4096:
            return None
        found = await self._store.credentials(normalise_username(username)[:100])
        if found is None:
            verify_password(dummy_hash(), password)
            return None
        user, stored = found
        if not verify_password(stored, password) or not user.active:
            return None
        if needs_rehash(stored):
            await self._store.update_user(user.username, now=self._clock(), password_hash=hash_password(password))
        return user

    async def login(self, user: StaffUser) -> Login:
        """Start a session for an authenticated account."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self._clock()
        await self._store.delete_expired(now)  # housekeeping: logins are rare, expired sessions pile up
        expires = now + min(self.policy.idle, self.policy.absolute)
        await self._store.add_session(
            user.id, token_hash=token_hash(token), csrf_token=csrf, created_at=now, expires_at=expires
        )
        return Login(token=token, csrf_token=csrf, user=user, expires_at=expires)

    async def resolve(self, token: str) -> StaffContext | None:
        """The staff member of a session cookie, or None when unknown, expired or the account is inactive."""
        if not token or len(token) > 200:
            return None
        hashed = token_hash(token)
        session = await self._store.session(hashed)
        now = self._clock()
        if session is None:
            return None
        if session.expires_at <= now or not session.user.active:
            await self._store.delete_session(hashed)
            return None
        # Slide the expiry while the person works, at most once every tenth of the idle time.
        latest = session.created_at + self.policy.absolute
        wanted = min(now + self.policy.idle, latest)
        if wanted - session.expires_at > self.policy.idle / 10:
            await self._store.extend_session(hashed, wanted)
        return StaffContext(user=session.user, csrf_token=session.csrf_token, token_hash=hashed)

    async def logout(self, context: StaffContext) -> None:
        """End this session."""
        await self._store.delete_session(context.token_hash)

    async def users(self) -> list[StaffUser]:
        """Every account."""
        return await self._store.users()

    async def update_user(
        self,
        username: str,
        *,
        role: Role | None = None,
        active: bool | None = None,
        password: str | None = None,
        language: Language | None = None,
    ) -> StaffUser:
        """Change an account; a new password or deactivation ends its sessions. The last admin stays an admin."""
        name = normalise_username(username)
        if password is not None and (problem := password_problem(password)):
            raise InvalidInput(problem)
        found = await self._store.credentials(name)
        if found is not None and found[0].role is Role.ADMIN and found[0].active:
            demoted = (role is not None and role is not Role.ADMIN) or active is False
            if demoted and await self._store.count_active_admins() <= 1:
                raise InvalidInput("the last active admin cannot be demoted or deactivated")
        user = await self._store.update_user(
            name,
            now=self._clock(),
            role=role,
            active=active,
            password_hash=hash_password(password) if password is not None else None,
            language=language,
        )
        if password is not None or active is False:
            await self._store.delete_sessions_of(user.id)
        return user
