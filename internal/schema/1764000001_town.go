package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// The town collection holds one record: everything town-specific that is not
// content. It is public: it holds no personal data.
func init() {
	createCollection("town", func(c *core.Collection) {
		readable(c, "")
		c.Fields.Add(
			label("name", 120, "Shown on every page, e.g. Town of Alder Creek."),
			&core.FileField{Name: "logo", MaxSelect: 1, MaxSize: 512 << 10,
				MimeTypes: []string{"image/png", "image/svg+xml", "image/webp", "image/jpeg"}, Help: "Small image shown beside the name."},
			&core.TextField{Name: "timezone", Required: true, Max: 60, Help: "IANA time zone, e.g. America/New_York. Due dates, digests and office hours use it."},
			&core.JSONField{Name: "languages", Required: true, MaxSize: 1000, Help: `Languages the site offers, first is the default. Example: ["en","es"]`},
			&core.TextField{Name: "default_language", Max: 10, Pattern: languagePattern, Help: "Used when a page or visitor has no better match."},
			&core.TextField{Name: "address", Max: 300},
			&core.TextField{Name: "phone", Max: 40},
			&core.EmailField{Name: "email", Help: "The public contact address, usually the clerk."},
			&core.JSONField{Name: "office_hours", MaxSize: 5000,
				Help: `Opening hours by weekday (0 = Sunday). Example: [{"day":1,"open":"08:00","close":"16:30"}]. Days not listed are closed; they are also not business days for due dates.`},
			&core.TextField{Name: "mail_domain", Max: 200, Help: "The domain residents write to, e.g. aldercreek.gov (report@ this domain)."},
			&core.TextField{Name: "colour", Max: 7, Pattern: `^#[0-9a-fA-F]{6}$`, Help: "Main colour as #rrggbb; keep it dark enough for white text."},
			translationsField(`{"es":{"name":"Pueblo de Alder Creek"}}`),
		)
	})
}
