"""Desk membership: the write path for who belongs to which desk (permissions.py reads it)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from . import permissions
from .activity import record
from .models import DeskMembership


def add_membership(member, desk: str, by) -> DeskMembership:
    if not permissions.can_manage_desks(by):
        raise PermissionDenied("Only editors manage desk membership.")
    desk = " ".join((desk or "").replace("\x00", "").split())
    if not desk:
        raise ValidationError("Name the desk.")
    with transaction.atomic():
        found = DeskMembership.objects.filter(user=member, desk__iexact=desk).first()
        if found:
            return found
        membership = DeskMembership.objects.create(user=member, desk=desk[:80])
        record(by, "added desk member", membership, reason=f"{member.get_username()} joins the {desk} desk")
    return membership


def remove_membership(membership: DeskMembership, by) -> None:
    if not permissions.can_manage_desks(by):
        raise PermissionDenied("Only editors manage desk membership.")
    with transaction.atomic():
        record(
            by,
            "removed desk member",
            membership,
            reason=f"{membership.user.get_username()} leaves the {membership.desk} desk",
        )
        membership.delete()
