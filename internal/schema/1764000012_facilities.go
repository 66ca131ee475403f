package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Facilities are places residents can book. Active ones are public.
func init() {
	createCollection("facilities", func(c *core.Collection) {
		readable(c, "active = true")
		zero := types.Pointer(0.0)
		c.Fields.Add(
			label("name", 120, ""),
			slug(),
			&core.TextField{Name: "description", Max: 4000},
			&core.FileField{Name: "photos", MaxSelect: 6, MaxSize: 5 << 20,
				MimeTypes: []string{"image/jpeg", "image/png", "image/webp"}, Thumbs: []string{"640x400"}},
			&core.NumberField{Name: "capacity", OnlyInt: true, Min: zero},
			&core.JSONField{Name: "hours", MaxSize: 5000, Help: `Bookable hours by weekday (0 = Sunday): [{"day":6,"open":"08:00","close":"21:00"}].`},
			&core.NumberField{Name: "min_minutes", OnlyInt: true, Min: zero, Help: "Shortest booking."},
			&core.NumberField{Name: "max_minutes", OnlyInt: true, Min: zero, Help: "Longest booking."},
			&core.NumberField{Name: "buffer_minutes", OnlyInt: true, Min: zero, Help: "Gap kept free between bookings."},
			&core.NumberField{Name: "advance_days", OnlyInt: true, Min: zero, Help: "How many days ahead residents may book."},
			&core.NumberField{Name: "fee", Min: zero, Help: "Fee per booking, in dollars."},
			&core.TextField{Name: "rules", Max: 4000},
			&core.BoolField{Name: "approval_required", Help: "Bookings wait for the clerk's approval."},
			&core.BoolField{Name: "active"},
			translationsField(`{"es":{"name":"Pabellón","description":"…","rules":"…"}}`),
		)
		c.AddIndex("idx_facilities_slug", true, "slug", "")
	})
}
