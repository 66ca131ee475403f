package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// API keys let Open311 clients file requests. Only a hash is stored.
func init() {
	createCollection("api_keys", func(c *core.Collection) {
		c.Fields.Add(
			label("name", 120, "Who the key is for, e.g. County 311 app."),
			&core.EmailField{Name: "contact", Help: "Whom to tell about changes or abuse."},
			&core.TextField{Name: "key_hash", Max: 128, Hidden: true, Help: "SHA-256 of the key; the key itself is shown once."},
			&core.TextField{Name: "prefix", Max: 12, Help: "First characters of the key, to tell keys apart."},
			&core.BoolField{Name: "active"},
			&core.NumberField{Name: "rate_per_hour", OnlyInt: true, Min: types.Pointer(0.0), Help: "Requests allowed per hour (0 = default)."},
			&core.DateField{Name: "last_used"},
		)
		c.AddIndex("idx_api_keys_hash", true, "key_hash", "key_hash != ''")
	})
}
