from django.urls import path

from .views import desk, exports, public

urlpatterns = [
    path("", desk.dashboard, name="dashboard"),
    path("stories/<int:pk>/", desk.story_workspace, name="story_workspace"),
    path("claims/<int:pk>/", desk.claim_detail, name="claim_detail"),
    path("claimants/<int:pk>/", desk.claimant_detail, name="claimant_detail"),
    path("sources/<int:pk>/", desk.source_detail, name="source_detail"),
    path("fact-checks/", public.factcheck_index, name="public_index"),
    path("fact-checks/<int:pk>/", public.factcheck_detail, name="public_factcheck"),
    path("fact-checks/feed/", public.factcheck_feed, name="public_feed"),
    path("fact-checks/ratings/", public.rating_scale, name="public_ratings"),
    path("exports/claims.csv", exports.claims_csv, name="export_claims"),
    path("exports/activity.csv", exports.activity_csv, name="export_activity"),
]
