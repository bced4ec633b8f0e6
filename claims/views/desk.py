"""Kept for imports elsewhere: the desk's access rule lives in views/common.py."""

from .common import desk_member_required

__all__ = ["desk_member_required"]
