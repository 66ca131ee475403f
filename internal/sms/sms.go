// Package sms is the text-message channel: the providers' webhooks (a
// Twilio-compatible one and the SMS Gateway for Android app's local
// server), each checked by its signature, and the conversation a resident
// has by text: REPORT a problem, STATUS of their requests, a question
// answered from the help pages, CLERK, STOP/START/HELP, ES/EN. Every text
// that comes in is stored before anything answers it; replies are composed
// by notify and sent by the outbox's sms transport. It hands reports to
// requests and asks kb for answers; it never imports another channel.
package sms

import (
	"net/http"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// The webhook paths a provider is pointed at.
const (
	TwilioPath       = "/sms/twilio"
	TwilioStatusPath = "/sms/twilio/status"
	AndroidPath      = "/sms/android"
)

// Channel is the text conversation and what it needs.
type Channel struct {
	Requests *requests.Domain
	Bundle   *i18n.Bundle
	Town     *town.Store
	// PerHour is how many texts a number may send in an hour before the
	// conversation stops answering it; 0 is DefaultPerHour.
	PerHour int
	// Client downloads the pictures sent with texts; nil is
	// http.DefaultClient.
	Client *http.Client

	touched atomic.Int64 // when last_received was last written, Unix seconds
}

// DefaultPerHour is the default rate limit per number.
const DefaultPerHour = 30

// Register adds the webhooks to app's router.
func Register(app core.App, c *Channel) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST(TwilioPath, c.twilioInbound)
		se.Router.POST(TwilioStatusPath, c.twilioStatus)
		se.Router.POST(AndroidPath, c.androidInbound)
		return se.Next()
	})
}

func (c *Channel) composer() *notify.Composer {
	return &notify.Composer{Bundle: c.Bundle, Town: c.Town}
}

func (c *Channel) perHour() int {
	if c.PerHour > 0 {
		return c.PerHour
	}
	return DefaultPerHour
}
