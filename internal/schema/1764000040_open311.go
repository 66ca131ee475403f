package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Open311 requests carry what the app sent besides the form: a link to a
// photo (stored as given, never fetched), the app's own ids for the device
// and the account, and which key filed them. The api_keys help texts
// explain to the clerk how a key reaches the developer (see
// internal/open311/keys.go).
func init() {
	help := map[string]map[string]string{
		"api_keys": {
			"name":          "Who the key is for, e.g. County 311 app.",
			"contact":       "Required. The new key is emailed here once when you save; Townhall keeps only its hash.",
			"key_hash":      "SHA-256 of the key, filled in when the key is created. The key itself is never stored.",
			"prefix":        "First characters of the key, filled in when it is created; they appear in the logs.",
			"active":        "New keys are active. Untick to revoke the key at once (or delete the record).",
			"rate_per_hour": "Requests the key may file per hour (0 = 100).",
			"last_used":     "Updated each time the key files a request.",
		},
	}
	migrations.Register(steps(setHelp(help), alter("requests", func(c *core.Collection) {
		c.Fields.Add(
			&core.URLField{Name: "media_url", Help: "A link to a photo or other media sent by an Open311 app. Never fetched: open it with care."},
			&core.RelationField{Name: "api_key", MaxSelect: 1, CollectionId: "api_keys", Help: "The Open311 app that sent the request."},
			&core.TextField{Name: "device_id", Max: 200, Help: "The sending app's id for the device (Open311)."},
			&core.TextField{Name: "account_id", Max: 200, Help: "The sending app's id for the reporter's account (Open311)."},
		)
	})), alter("requests", removeFields("media_url", "api_key", "device_id", "account_id")))
}
