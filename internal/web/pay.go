package web

import (
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/town"
)

// maxWebhook bounds a Stripe event's body; events are a few kilobytes.
const maxWebhook = 256 << 10

// payOnline reports whether residents may pay through Stripe now: only
// then do pages show a Pay button.
func (h *Handler) payOnline(app core.App) bool {
	s, err := payments.LoadSettings(app)
	return err == nil && s.Online()
}

// payBack is the page a kind of item is shown on, where Pay was pressed.
func payBack(lang, kind string, it *payments.Item) string {
	switch kind {
	case payments.KindReservation:
		return "/" + lang + "/reservations/" + it.ID
	case payments.KindRequest:
		return "/" + lang + "/requests/" + it.Label
	case payments.KindWater:
		return "/" + lang + "/account/water"
	}
	return "/" + lang + "/reservations"
}

// payItem sends the resident to Stripe's Checkout page for one of their items
// (a form post from the item's page: no card field is ever on ours).
func (h *Handler) payItem(e *core.RequestEvent, lang string) error {
	kind := e.Request.PathValue("kind")
	it, err := h.pay.ItemFor(e.App, kind, e.Request.PathValue("id"), e.Auth.Id, lang)
	if errors.Is(err, payments.ErrNotFound) {
		return h.notFound(e, lang)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	back := payBack(lang, kind, it)
	p := payments.Payer{ID: e.Auth.Id, Name: e.Auth.GetString("name"), Email: e.Auth.Email(), Lang: lang}
	url, err := h.pay.Checkout(e.App, it, p, town.AbsURL(e.App, "/"+lang+"/payments/return"), town.AbsURL(e.App, back))
	switch {
	case errors.Is(err, payments.ErrOffline):
		flash(e, "payments.flash.offline")
	case errors.Is(err, payments.ErrNotPayable):
		flash(e, "payments.flash.nothing")
	case err != nil:
		h.logError(e, err)
		flash(e, "payments.flash.unavailable")
	default:
		return e.Redirect(http.StatusSeeOther, url)
	}
	return redirect(e, back)
}

// payReturn is where Stripe sends the resident back: the payment is
// checked with Stripe at once (the webhook may come a moment later), then
// its receipt page is shown.
func (h *Handler) payReturn(e *core.RequestEvent, lang string) error {
	sid := e.Request.URL.Query().Get("session_id")
	p, err := e.App.FindFirstRecordByData(payments.Payments, "session_id", sid)
	if sid == "" || err != nil || p.GetString("payer") != e.Auth.Id {
		return h.notFound(e, lang)
	}
	if p.GetString("state") == payments.StateOpen {
		if _, err := h.pay.SyncSession(e.App, sid); err != nil {
			h.logError(e, err) // the webhook or the reconcile job will tell
		}
	}
	return redirect(e, "/"+lang+"/payments/"+p.Id)
}

// receiptData is the receipt page.
type receiptData struct {
	Row      payments.Row
	Amount   string
	Refunded string
	Paid     string
	Back     string
}

// receipt shows one of the resident's payments.
func (h *Handler) receipt(e *core.RequestEvent, lang string) error {
	p, err := e.App.FindRecordById(payments.Payments, e.Request.PathValue("id"))
	if err != nil || p.GetString("payer") != e.Auth.Id {
		return h.notFound(e, lang)
	}
	row := payments.RowOf(p)
	d := receiptData{Row: row, Amount: money(row.Amount), Back: "/" + lang + "/reservations"}
	if row.Refunded > 0 {
		d.Refunded = money(row.Refunded)
	}
	if !row.Paid.IsZero() {
		d.Paid = h.bundle.Date(lang, row.Paid.In(h.town.Get().Location))
	}
	if it, err := h.pay.ItemFor(e.App, row.Kind, row.Item, e.Auth.Id, lang); err == nil {
		d.Back = payBack(lang, row.Kind, it)
	}
	return h.renderPage(e, lang, "/payments/"+p.Id, "payments.receipt.title", "payment_receipt", d, http.StatusOK)
}

// stripeWebhook takes Stripe's events: 400 for a body whose signature does
// not check (nothing is stored), 500 when applying it failed (Stripe sends
// it again), 200 once applied or when it is of no interest.
func (h *Handler) stripeWebhook(e *core.RequestEvent) error {
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, maxWebhook))
	if err != nil {
		return e.String(http.StatusBadRequest, "unreadable body\n")
	}
	err = h.pay.HandleWebhook(e.App, body, e.Request.Header.Get("Stripe-Signature"))
	switch {
	case errors.Is(err, payments.ErrSignature):
		e.App.Logger().Warn("stripe webhook refused", slog.String("error", err.Error()), slog.String("ip", e.RealIP()))
		return e.String(http.StatusBadRequest, "signature does not check\n")
	case err != nil:
		e.App.Logger().Error("stripe webhook failed", slog.String("error", err.Error()))
		return e.String(http.StatusInternalServerError, "not applied; send it again\n")
	}
	return e.String(http.StatusOK, "ok\n")
}
