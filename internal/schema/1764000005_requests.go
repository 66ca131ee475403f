package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// RequestStatuses are the states of a request; Open311 maps resolved and
// closed to "closed" and the rest to "open".
var RequestStatuses = []string{"new", "in_progress", "waiting", "resolved", "closed"}

// RequestChannels are the ways a request reaches the town.
var RequestChannels = []string{"web", "email", "phone", "walk_in", "open311", "sms"}

// Requests hold personal data, so the API shows a resident only their own;
// public lists go through the site and Open311, which choose safe fields.
func init() {
	migrations.Register(steps(
		create("requests", func(c *core.Collection) {
			readable(c, "reporter != '' && "+ownRule("reporter"))
			c.Fields.Add(
				&core.TextField{Name: "number", Max: 20, Presentable: true, Help: "Assigned on submission, e.g. 2026-0042."},
				&core.RelationField{Name: "service", Required: true, MaxSelect: 1, CollectionId: "services"},
				&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: RequestStatuses},
				&core.TextField{Name: "description", Max: 4000},
				&core.TextField{Name: "address", Max: 300},
				&core.GeoPointField{Name: "location", Help: "Optional map point."},
				&core.JSONField{Name: "answers", MaxSize: 100_000, Help: "Answers to the service's form questions, by question code."},
				&core.FileField{Name: "photos", MaxSelect: 5, MaxSize: 8 << 20,
					MimeTypes: []string{"image/jpeg", "image/png", "image/webp", "image/heic"}, Thumbs: []string{"320x240", "100x100"}},
				&core.FileField{Name: "documents", MaxSelect: 5, MaxSize: 10 << 20, Protected: true,
					MimeTypes: []string{"application/pdf", "image/jpeg", "image/png"}},
				&core.SelectField{Name: "channel", Required: true, MaxSelect: 1, Values: RequestChannels},
				&core.RelationField{Name: "reporter", MaxSelect: 1, CollectionId: "users", Help: "The resident's account, if any."},
				&core.TextField{Name: "contact_name", Max: 120, Help: "For phone, walk-in and anonymous requests."},
				&core.EmailField{Name: "contact_email"},
				&core.TextField{Name: "contact_phone", Max: 40},
				&core.TextField{Name: "language", Max: 10, Pattern: languagePattern, Help: "Language the reporter wrote in; emails use it."},
				&core.BoolField{Name: "public", Help: "Shown on the public list and tracking page."},
				&core.RelationField{Name: "department", MaxSelect: 1, CollectionId: "departments", Help: "Set from the service when submitted."},
				&core.DateField{Name: "due"},
				&core.DateField{Name: "closed_at"},
			)
			c.AddIndex("idx_requests_number", true, "number", "")
			c.AddIndex("idx_requests_status", false, "status, department", "")
			c.AddIndex("idx_requests_reporter", false, "reporter", "")
		}),
		// A self-relation names the collection once it is saved.
		alter("requests", func(c *core.Collection) {
			c.Fields.Add(&core.RelationField{Name: "duplicate_of", MaxSelect: 1, CollectionId: "requests", Help: "Set when this repeats an earlier request."})
		}),
	), deleteCollection("requests"))
}
