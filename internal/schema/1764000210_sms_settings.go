package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The clerk sets the text-message provider here, in the admin UI: one
// record (the first active one is used). Superusers only: it holds the
// provider's credentials, which never live in files.
func init() {
	createCollection("sms_settings", func(c *core.Collection) {
		c.Fields.Add(
			&core.SelectField{Name: "provider", Required: true, MaxSelect: 1, Values: []string{"twilio", "android"}, Presentable: true,
				Help: "twilio: Twilio or a provider with the same API (Telnyx TeXML, SignalWire). android: the SMS Gateway for Android app in local-server mode."},
			&core.BoolField{Name: "active", Help: "Texts go out and come in only while this is on."},
			&core.URLField{Name: "base_url", Help: "Twilio: https://api.twilio.com. Android gateway: the phone's address, e.g. http://192.168.1.20:8080."},
			&core.TextField{Name: "account", Max: 200, Help: "Twilio: the Account SID (AC…). Android gateway: the username on the app's Home tab."},
			&core.TextField{Name: "secret", Max: 200, Hidden: true, Help: "Twilio: the Auth Token (it also checks incoming texts). Android gateway: the password on the app's Home tab."},
			&core.TextField{Name: "from_number", Max: 20, Pattern: `^(\+[1-9][0-9]{6,14})?$`, Help: "The town's texting number, as +15551234567 (Twilio). Leave empty for the Android gateway."},
			&core.TextField{Name: "signing_key", Max: 200, Hidden: true, Help: "Android gateway: Settings → Webhooks → Signing Key, which signs incoming texts."},
			&core.NumberField{Name: "daily_cap", OnlyInt: true, Min: types.Pointer(0.0),
				Help: "At most this many texts leave per day (the town's time zone is not used: the day is UTC); the rest wait for the next day. 0 is 500."},
			&core.DateField{Name: "last_received", Help: "When the last text came in: a gateway phone that stopped receiving shows here."},
		)
	})
}
