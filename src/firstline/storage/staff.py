"""Staff accounts and console sessions in SQL.

A session row holds only the SHA-256 of the session token the browser keeps, so any
process serving the console can check a cookie, and a copy of the database opens no session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Select, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from firstline.domain.language import Language
from firstline.errors import InvalidInput, NotFound
from firstline.storage.staff_tables import StaffSessionRow, StaffUserRow


class Role(StrEnum):
    """What a staff member may do; each role includes everything of the roles below it."""

    AGENT = "agent"
    """Works conversations and tickets, searches the knowledge."""
    SUPERVISOR = "supervisor"
    """An agent who also decides approvals and reads the audit log."""
    ADMIN = "admin"
    """A supervisor who also manages staff accounts."""

    def includes(self, other: Role) -> bool:
        """Whether this role may do what ``other`` may do."""
        return _RANK[self] >= _RANK[other]


_RANK = {Role.AGENT: 0, Role.SUPERVISOR: 1, Role.ADMIN: 2}


class UsernameTaken(InvalidInput):
    """A staff account with this username exists already."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StaffUser:
    """A staff account, without its password hash."""

    id: int
    username: str
    display_name: str
    role: Role
    language: Language | None
    """The console's language for this person; None: the browser's."""
    active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StaffSession:
    """A console login as the store knows it."""

    user: StaffUser
    csrf_token: str
    created_at: datetime
    expires_at: datetime


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _user(row: StaffUserRow) -> StaffUser:
    return StaffUser(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        language=Language(row.language) if row.language else None,
        active=row.active,
        created_at=_aware(row.created_at),
    )


class SqlStaffStore:
    """Staff accounts and sessions on SQLite or PostgreSQL."""

    def __init__(self, engine: AsyncEngine, *, company: str = "default") -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._company = company

    async def add_user(
        self,
        username: str,
        *,
        password_hash: str,
        role: Role,
        now: datetime,
        display_name: str = "",
        language: Language | None = None,
    ) -> StaffUser:
        """Create an account; raises ``UsernameTaken`` when the name is in use."""
        row = StaffUserRow(
            company=self._company,
            username=username,
            display_name=display_name or username,
            password_hash=password_hash,
            role=role.value,
            language=language.value if language else None,
            active=True,
            created_at=now,
            updated_at=now,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
        except IntegrityError as error:
            raise UsernameTaken(f"the username '{username}' is taken") from error
        return _user(row)

    async def user(self, username: str) -> StaffUser | None:
        """The account with this username, or None."""
        found = await self.credentials(username)
        return found[0] if found else None

    async def credentials(self, username: str) -> tuple[StaffUser, str] | None:
        """The account and its password hash, for checking a login."""
        async with self._sessions() as session:
            row = await session.scalar(self._by_name(username))
            return (_user(row), row.password_hash) if row else None

    async def users(self) -> list[StaffUser]:
        """Every account, by username."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(StaffUserRow).where(StaffUserRow.company == self._company).order_by(StaffUserRow.username)
            )
            return [_user(row) for row in rows]

    async def count_active_admins(self) -> int:
        """How many active admins there are (the last one must not be demoted or deactivated)."""
        async with self._sessions() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(StaffUserRow)
                .where(
                    StaffUserRow.company == self._company,
                    StaffUserRow.role == Role.ADMIN.value,
                    StaffUserRow.active.is_(True),
                )
            )
            return int(count or 0)

    async def update_user(
        self,
        username: str,
        *,
        now: datetime,
        role: Role | None = None,
        active: bool | None = None,
        password_hash: str | None = None,
        display_name: str | None = None,
        language: Language | None = None,
    ) -> StaffUser:
        """Change an account; fields left None stay as they are. Raises ``NotFound``."""
        async with self._sessions.begin() as session:
            row = await session.scalar(self._by_name(username))
            if row is None:
                raise NotFound(f"no staff account '{username[:100]}'")
            if role is not None:
                row.role = role.value
            if active is not None:
                row.active = active
            if password_hash is not None:
                row.password_hash = password_hash
            if display_name is not None:
                row.display_name = display_name
            if language is not None:
                row.language = language.value
            row.updated_at = now
            return _user(row)

    async def add_session(
        self, user_id: int, *, token_hash: str, csrf_token: str, created_at: datetime, expires_at: datetime
    ) -> None:
        """Store a new login."""
        async with self._sessions.begin() as session:
            session.add(
                StaffSessionRow(
                    token_hash=token_hash,
                    user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=created_at,
                    expires_at=expires_at,
                )
            )

    async def session(self, token_hash: str) -> StaffSession | None:
        """The login with this token hash and its account, expired or not; None if unknown."""
        async with self._sessions() as session:
            found = (
                await session.execute(
                    select(StaffSessionRow, StaffUserRow)
                    .join(StaffUserRow, StaffUserRow.id == StaffSessionRow.user_id)
                    .where(StaffSessionRow.token_hash == token_hash)
                )
            ).first()
            if found is None:
                return None
            row, user = found
            return StaffSession(
                user=_user(user),
                csrf_token=row.csrf_token,
                created_at=_aware(row.created_at),
                expires_at=_aware(row.expires_at),
            )

    async def extend_session(self, token_hash: str, expires_at: datetime) -> None:
        """Move a login's expiry (sliding expiry while the person works)."""
        async with self._sessions.begin() as session:
            row = await session.scalar(select(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash))
            if row is not None:
                row.expires_at = expires_at

    async def delete_session(self, token_hash: str) -> None:
        """End one login."""
        async with self._sessions.begin() as session:
            await session.execute(delete(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash))

    async def delete_sessions_of(self, user_id: int) -> None:
        """End every login of an account (password changed, deactivated)."""
        async with self._sessions.begin() as session:
            await session.execute(delete(StaffSessionRow).where(StaffSessionRow.user_id == user_id))

    async def delete_expired(self, now: datetime) -> int:
        """Remove logins that expired before ``now``; returns how many."""
        async with self._sessions.begin() as session:
            result = await session.execute(delete(StaffSessionRow).where(StaffSessionRow.expires_at < now))
            return int(getattr(result, "rowcount", 0) or 0)

    def _by_name(self, username: str) -> Select[StaffUserRow]:
        return select(StaffUserRow).where(StaffUserRow.company == self._company, StaffUserRow.username == username)
