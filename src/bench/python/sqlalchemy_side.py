#!/usr/bin/python3
"""blogdb's benchmark workloads through SQLAlchemy 1.4's ORM, tuned as issue 11's reviewer describes.

Run by dev.blogdb.bench.PeerSqlAlchemy with Debian's /usr/bin/python3 and python3-sqlalchemy and
python3-psycopg2 (.ci/bench-peers.sh installs them). For each workload it warms up for --warmup
seconds, then calls it back to back for --measure seconds, and prints ONE line of JSON on stdout:

  {"available": true, "versions": {"python": ..., "sqlalchemy": ..., "psycopg2": ...},
   "workloads": {"W1": {"variant": ..., "median_ms": ..., "p90_ms": ..., "samples": ...,
                        "checksum": {...}}, ...}}

A checksum describes the workload's result (counts, first and last ids, and "sha256", the first 16
hex digits of a SHA-256 over a canonical text of every value), for the Java side to compare with
blogdb's result (dev.blogdb.bench.PeerChecksums computes the same). Without SQLAlchemy or psycopg2 it
prints {"available": false, "reason": ...} and exits with 3. The password, if any, comes from
PGPASSWORD in the environment (libpq reads it), never from the command line.
"""

import argparse
import datetime
import hashlib
import json
import math
import platform
import sys
import time
import types
import urllib.parse

try:
    import psycopg2
    import sqlalchemy
    from sqlalchemy import (BigInteger, Boolean, Column, DateTime, ForeignKey, String, Text, create_engine, desc,
                            func, insert, select)
    from sqlalchemy.orm import Session, declarative_base, joinedload, relationship, selectinload
except ImportError as missing:  # reported, never replaced by a number
    print(json.dumps({"available": False, "reason": "%s (install python3-sqlalchemy python3-psycopg2 for %s)"
                      % (missing, sys.executable)}))
    sys.exit(3)

USERS_PAGE = 50  # Targets.USERS_PAGE
FEED_PAGE = 100  # Targets.FEED_PAGE

Base = declarative_base()


class User(Base):
    """users, as Liquibase created it; the password hash is left unmapped, as blogdb's User never carries it."""
    __tablename__ = "users"
    id = Column(BigInteger, primary_key=True)
    email = Column(String(320), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    # Every post, newest first. passive_deletes: deleting a user never loads its posts, the database's
    # ON DELETE CASCADE removes them.
    posts = relationship("Post", back_populates="author", passive_deletes=True,
                         order_by=lambda: (desc(Post.created_at), desc(Post.id)))


class Post(Base):
    __tablename__ = "posts"
    id = Column(BigInteger, primary_key=True)
    title = Column(Text, nullable=False)
    content = Column(Text, nullable=False)
    published = Column(Boolean, nullable=False, server_default="true")
    created_at = Column(DateTime(timezone=True), nullable=False, server_default=func.now())
    user_id = Column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    author = relationship(User, back_populates="posts")


# --- checksums: the same canonical text as dev.blogdb.bench.PeerChecksums --------------------------

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def micros(moment):
    return (moment - EPOCH) // datetime.timedelta(microseconds=1)


def user_line(user):
    return "u%d|%s|%d" % (user.id, user.email, micros(user.created_at))


def post_line(post):
    return "p%d|%d|%s|%s|%s|%d" % (post.id, post.user_id, post.title, post.content,
                                   "true" if post.published else "false", micros(post.created_at))


def digest(lines):
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def users_checksum(users):
    lines = []
    for user in users:
        lines.append(user_line(user))
        lines.extend(post_line(post) for post in user.posts)
    return {"users": len(users), "posts": sum(len(u.posts) for u in users),
            "first": users[0].id if users else None, "last": users[-1].id if users else None,
            "sha256": digest(lines)}


def feed_checksum(posts):
    lines = []
    for post in posts:
        lines.append(post_line(post))
        lines.append(user_line(post.author))
    return {"posts": len(posts), "first": posts[0].id if posts else None,
            "last": posts[-1].id if posts else None, "sha256": digest(lines)}


def deletion_checksum(deletion):
    user, count = deletion
    return {"user": user.id, "posts": count, "sha256": digest([user_line(user), "n%d" % count])}


# --- the workloads -------------------------------------------------------------------------------

class Side:
    def __init__(self, url, user, ordinary_user, prolific_user, w4_posts):
        # executemany_mode values_plus_batch: an INSERT executemany goes out as multi-row VALUES pages
        # (psycopg2's execute_values), anything else by execute_batch. Page size 1,000, SQLAlchemy's.
        self.engine = create_engine(url, connect_args={"user": user} if user else {},
                                    executemany_mode="values_plus_batch", pool_size=4, future=True)
        # Reads in autocommit, as the JDBC and Hibernate sides read: no BEGIN, no ROLLBACK on return.
        self.reads = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self.ordinary_user = ordinary_user
        self.prolific_user = prolific_user
        self.w4_rows = [{"user_id": ordinary_user,
                         "title": "Bulk post %05d about inserting many rows" % i,
                         "content": "x" * 400,
                         "published": i % 5 != 4} for i in range(w4_posts)]

    def users_with_posts_selectin(self, after):
        """W1 and W1x10: the page of users after id `after`, then their posts in one IN query (two statements)."""
        with Session(self.reads) as session:
            users = session.execute(select(User).options(selectinload(User.posts)).where(User.id > after)
                                    .order_by(User.id).limit(USERS_PAGE)).scalars().all()
            session.expunge_all()
            return users

    def users_with_posts_joined(self, after):
        """W1 and W1x10 in one statement: SQLAlchemy limits the users in a subquery and joins their posts."""
        with Session(self.reads) as session:
            users = session.execute(select(User).options(joinedload(User.posts)).where(User.id > after)
                                    .order_by(User.id).limit(USERS_PAGE)).unique().scalars().all()
            session.expunge_all()
            return users

    def feed(self):
        """W2: the 100 newest published posts with their authors, joined."""
        with Session(self.reads) as session:
            posts = session.execute(select(Post).options(joinedload(Post.author, innerjoin=True))
                                    .where(Post.published)
                                    .order_by(desc(Post.created_at), desc(Post.id))
                                    .limit(FEED_PAGE)).scalars().all()
            session.expunge_all()
            return posts

    def delete_user_and_roll_back(self, user_id):
        """W3/W3b: lock and read the user (FOR UPDATE holds off new posts for them), lock and count
        their posts, delete the user (passive_deletes: the cascade is the database's), roll back."""
        with Session(self.engine) as session:
            try:
                user = session.execute(select(User).where(User.id == user_id).with_for_update()).scalar_one()
                locked = select(Post.id).where(Post.user_id == user_id).with_for_update().subquery()
                count = session.execute(select(func.count()).select_from(locked)).scalar_one()
                # The user as it was, read before the rollback expires the instance.
                gone = types.SimpleNamespace(id=user.id, email=user.email, created_at=user.created_at)
                session.delete(user)
                session.flush()
                return gone, count
            finally:
                session.rollback()

    def insert_posts_and_roll_back(self):
        """W4: 10,000 posts by one Core executemany (multi-row VALUES pages), then roll back."""
        with self.engine.connect() as connection:
            transaction = connection.begin()
            try:
                connection.execute(insert(Post.__table__), self.w4_rows)
                return len(self.w4_rows)
            finally:
                transaction.rollback()

    def insert_posts_by_bulk_mappings_and_roll_back(self):
        """W4 through the ORM: Session.bulk_insert_mappings, then roll back."""
        with Session(self.engine) as session:
            try:
                session.bulk_insert_mappings(Post, self.w4_rows)
                session.flush()
                return len(self.w4_rows)
            finally:
                session.rollback()


def measure(work, warmup_s, measure_s):
    end = time.perf_counter() + warmup_s
    while time.perf_counter() < end:
        work()
    samples = []
    end = time.perf_counter() + measure_s
    while True:
        start = time.perf_counter_ns()
        work()
        samples.append((time.perf_counter_ns() - start) / 1e6)
        if time.perf_counter() >= end:
            break
    samples.sort()

    def rank(p):  # nearest rank
        return samples[max(0, math.ceil(p * len(samples)) - 1)]

    return {"median_ms": round(rank(0.5), 3), "p90_ms": round(rank(0.9), 3), "samples": len(samples)}


def sqlalchemy_url(jdbc_url):
    """jdbc:postgresql://host:port/db?... as SQLAlchemy's postgresql+psycopg2://host:port/db (no parameters)."""
    if not jdbc_url.startswith("jdbc:postgresql://"):
        raise SystemExit("not a PostgreSQL JDBC URL: " + jdbc_url)
    parts = urllib.parse.urlsplit(jdbc_url[len("jdbc:"):])
    return "postgresql+psycopg2://%s%s" % (parts.netloc, parts.path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jdbc-url", required=True)
    parser.add_argument("--user", default="")
    parser.add_argument("--ordinary-user", type=int, required=True, help="W3's user id")
    parser.add_argument("--prolific-user", type=int, required=True, help="W3b's user id")
    parser.add_argument("--heavy-after", type=int, required=True,
                        help="W1x10's page starts after this user id (the heavy users follow it)")
    parser.add_argument("--w4-posts", type=int, default=10_000)
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds per workload")
    parser.add_argument("--measure", type=float, default=5.0, help="seconds per workload")
    parser.add_argument("--only", default="", help="comma-separated workloads, e.g. W1,W3b; default all")
    args = parser.parse_args()

    side = Side(sqlalchemy_url(args.jdbc_url), args.user, args.ordinary_user, args.prolific_user, args.w4_posts)
    workloads = [
        ("W1", "selectinload", lambda: side.users_with_posts_selectin(0), users_checksum),
        ("W1", "joinedload", lambda: side.users_with_posts_joined(0), users_checksum),
        ("W1x10", "selectinload", lambda: side.users_with_posts_selectin(args.heavy_after), users_checksum),
        ("W1x10", "joinedload", lambda: side.users_with_posts_joined(args.heavy_after), users_checksum),
        ("W2", "joinedload", side.feed, feed_checksum),
        ("W3", "select for update, count, delete", lambda: side.delete_user_and_roll_back(args.ordinary_user),
         deletion_checksum),
        ("W3b", "select for update, count, delete", lambda: side.delete_user_and_roll_back(args.prolific_user),
         deletion_checksum),
        ("W4", "core executemany, values_plus_batch", side.insert_posts_and_roll_back,
         lambda n: {"inserted": n}),
        ("W4", "bulk_insert_mappings", side.insert_posts_by_bulk_mappings_and_roll_back,
         lambda n: {"inserted": n}),
    ]
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    results = {}
    for name, variant, work, checksum in workloads:
        if only and name not in only:
            continue
        summary = checksum(work())
        timing = measure(work, args.warmup, args.measure)
        timing.update(variant=variant, checksum=summary)
        results.setdefault(name, []).append(timing)
    # Each workload's fastest variant by median; the others are kept under "alternatives".
    chosen = {}
    for name, variants in results.items():
        variants.sort(key=lambda v: v["median_ms"])
        chosen[name] = dict(variants[0])
        if len(variants) > 1:
            chosen[name]["alternatives"] = variants[1:]
    side.engine.dispose()
    print(json.dumps({
        "available": True,
        "versions": {"python": platform.python_version(), "sqlalchemy": sqlalchemy.__version__,
                     "psycopg2": psycopg2.__version__.split(" ")[0]},
        "warmup_s": args.warmup, "measure_s": args.measure,
        "workloads": chosen,
    }, separators=(",", ":")))


if __name__ == "__main__":
    main()
