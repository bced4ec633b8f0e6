from django.db import models


class ClaimReview(models.Model):
    """Another fact-checker's published verdict (schema.org ClaimReview) found on a source.

    One record per review however often it arrives (`key`: its address, else who rated
    what). It bears on claims through its own source (`review_source`: the organisation as
    outlet, graded by the desk's per-organisation table), so the status rules count it as
    that organisation's word, apart from the page or feed it was found on.
    """

    key = models.CharField(max_length=80, unique=True, editable=False)
    found_on = models.ManyToManyField("claims.Source", related_name="claim_reviews", blank=True)
    review_source = models.OneToOneField(
        "claims.Source", on_delete=models.PROTECT, related_name="review_of", null=True, blank=True
    )
    claim_reviewed = models.TextField()
    claim_author = models.CharField(max_length=200, blank=True)
    claim_appearance = models.URLField(max_length=2000, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    rating_value = models.CharField(max_length=50, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    rating_name = models.CharField(max_length=300, blank=True)
    organisation = models.CharField(max_length=200, db_index=True)
    organisation_url = models.URLField(max_length=2000, blank=True)
    date_published = models.DateTimeField(null=True, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    headline = models.CharField(max_length=500, blank=True)
    # The stance its rating gave when it came in, and why (the rating table may change later).
    stance = models.CharField(max_length=20, blank=True)
    stance_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date_published", "-created_at"]

    def __str__(self):
        return f"{self.organisation}: {self.rating_label} – {self.claim_reviewed[:80]}"

    @property
    def rating_label(self) -> str:
        if self.rating_name:
            return self.rating_name
        if self.rating_value and self.best_rating is not None:
            return f"{self.rating_value} of {self.best_rating:g}"
        return self.rating_value or "no rating"
