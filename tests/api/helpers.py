import json

from tests.conftest import bearer


def post(client, url, data, user, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json", **bearer(user))


def get(client, url, user, **params):
    return client.get(url, params, **bearer(user))
