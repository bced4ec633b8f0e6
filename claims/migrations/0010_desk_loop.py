from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_job_attempts_desk_membership")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("needs_correction", "Needs correction"),
                    ("assigned", "Assigned to you"),
                    ("approval", "Awaiting your approval"),
                    ("mention", "Mentioned you"),
                    ("status", "Status change"),
                ],
                default="status",
                max_length=20,
            ),
        ),
    ]
