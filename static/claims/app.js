// Fact desk's small behaviours; everything else is htmx attributes in the templates.
