package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/outbox"
)

// phoneCodeLife is how long a phone code works; it allows codeTries
// wrong guesses, as a sign-in code does.
const phoneCodeLife = 15 * time.Minute

// phonePage asks for the code texted to the number waiting for one.
func (h *Handler) phonePage(e *core.RequestEvent, lang string) error {
	if e.Auth.GetString("sms_pending") == "" {
		return redirect(e, "/"+lang+"/account")
	}
	f := &Form{Values: map[string][]string{}}
	return h.renderPhone(e, lang, f, http.StatusOK)
}

func (h *Handler) renderPhone(e *core.RequestEvent, lang string, f *Form, status int) error {
	f.Values["pending"] = []string{e.Auth.GetString("sms_pending")}
	return h.renderPage(e, lang, "/account/phone", "account.phone_confirm.title", "account_phone", f, status)
}

// phoneStart texts a code to the number typed on the profile page; the
// number becomes the account's once the code comes back.
func (h *Handler) phoneStart(e *core.RequestEvent, lang string) error {
	typed := strings.TrimSpace(e.Request.FormValue("sms_number"))
	number, ok := outbox.NormalizeNumber(typed)
	if !ok {
		f := h.profileForm(e.Auth)
		f.Values["sms_number"] = []string{typed}
		h.fieldError(f, lang, "sms_number", "account.phone_error.number", nil)
		return h.renderPage(e, lang, "/account", "account.profile.title", "profile", f, http.StatusUnprocessableEntity)
	}
	if h.accountLimited(e, "POST /account/phone", number) {
		return h.tooMany(e, lang)
	}
	code, err := phoneCode()
	if err != nil {
		return h.fail(e, lang, err)
	}
	u := e.Auth
	u.Load(map[string]any{"sms_pending": number, "sms_code": codeHash(u.Id, code),
		"sms_code_expires": time.Now().Add(phoneCodeLife).UTC(), "sms_code_tries": 0})
	err = e.App.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(u); err != nil {
			return err
		}
		return h.mail.PhoneCode(tx, notify.Text{To: number, Lang: userLang(u, lang), Kind: "account.phone_code",
			DedupeKey: "account:phone:" + u.Id + ":" + codeHash(u.Id, code)[:16]}, code)
	})
	if err != nil {
		return h.fail(e, lang, err)
	}
	return redirect(e, "/"+lang+"/account/phone")
}

// phoneConfirm checks the code and, when right, makes the number the
// account's, with texts about its requests turned on.
func (h *Handler) phoneConfirm(e *core.RequestEvent, lang string) error {
	u := e.Auth
	f := &Form{Values: map[string][]string{"code": {strings.TrimSpace(e.Request.FormValue("code"))}}}
	expired := u.GetDateTime("sms_code_expires").Time().Before(time.Now())
	if u.GetString("sms_pending") == "" || expired || u.GetInt("sms_code_tries") >= codeTries {
		h.fieldError(f, lang, "code", "account.phone_error.expired", nil)
		return h.renderPhone(e, lang, f, http.StatusUnprocessableEntity)
	}
	want := u.GetString("sms_code")
	if subtle.ConstantTimeCompare([]byte(codeHash(u.Id, f.Get("code"))), []byte(want)) != 1 {
		u.Set("sms_code_tries", u.GetInt("sms_code_tries")+1)
		if err := e.App.Save(u); err != nil {
			return h.fail(e, lang, err)
		}
		h.fieldError(f, lang, "code", "account.phone_error.code", nil)
		return h.renderPhone(e, lang, f, http.StatusUnprocessableEntity)
	}
	u.Load(map[string]any{"sms_number": u.GetString("sms_pending"), "sms_updates": true, "sms_pending": "",
		"sms_code": "", "sms_code_expires": "", "sms_code_tries": 0})
	if err := e.App.Save(u); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.phone.confirmed")
	return redirect(e, "/"+lang+"/account")
}

// phoneCode is six random digits.
func phoneCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("make a phone code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// codeHash is what is stored of a code: it is hashed with the account's
// id, so the stored value is no use on another account.
func codeHash(userID, code string) string {
	sum := sha256.Sum256([]byte("townhall-phone:" + userID + ":" + code))
	return hex.EncodeToString(sum[:])
}
