package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Services are the catalog residents request from. Active ones are public.
func init() {
	createCollection("services", func(c *core.Collection) {
		readable(c, "active = true")
		c.Fields.Add(
			&core.TextField{Name: "code", Required: true, Max: 40, Pattern: `^[a-z0-9-]+$`,
				Help: "Short id used in links, email addresses (code@ the mail domain) and Open311, e.g. pothole."},
			label("name", 120, ""),
			&core.TextField{Name: "description", Max: 2000, Help: "What the service is, in a sentence or two."},
			&core.TextField{Name: "what_you_need", Max: 4000, Help: "What to have ready, one item per line."},
			&core.RelationField{Name: "department", Required: true, MaxSelect: 1, CollectionId: "departments"},
			&core.TextField{Name: "group", Max: 60, Help: "Open311 group, e.g. Streets."},
			&core.TextField{Name: "keywords", Max: 500, Help: "Comma-separated words residents might use; helps search and email routing."},
			&core.JSONField{Name: "fields", MaxSize: 100_000,
				Help: `Form questions (Open311 attributes), e.g. [{"code":"size","datatype":"singlevaluelist","required":true,"order":1,"description":{"en":"How big?"},"values":[{"key":"s","name":{"en":"Small"}}]}]. Datatypes: string, number, datetime, text, singlevaluelist, multivaluelist.`},
			&core.BoolField{Name: "photos", Help: "The form offers photo uploads."},
			&core.BoolField{Name: "documents", Help: "The form offers document uploads (PDF)."},
			&core.BoolField{Name: "anonymous", Help: "Residents may report without an account."},
			&core.NumberField{Name: "response_days", OnlyInt: true, Min: types.Pointer(0.0), Help: "Expected answer time in business days; sets the due date."},
			&core.BoolField{Name: "top_task", Help: "Listed on the home page."},
			&core.NumberField{Name: "sort", OnlyInt: true, Help: "Lower numbers are listed first."},
			&core.BoolField{Name: "active", Help: "Inactive services are hidden and refuse new requests."},
			translationsField(`{"es":{"name":"Bache","description":"…","what_you_need":"…"}}`),
		)
		c.AddIndex("idx_services_code", true, "code", "")
	})
}
