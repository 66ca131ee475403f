package mailin

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-smtp"
	"github.com/townhall/townhall/internal/requests"
)

// Target is what one of our addresses stands for.
type Target struct {
	Address string
	Service string // a service code, for code@; "" for report@ (the service is guessed)
	Number  string // a request number, for a reply address
}

// IsReply reports whether t is a request's reply address.
func (t Target) IsReply() bool { return t.Number != "" }

// The replies to RCPT. No bounce is ever made for a refused address: the
// sending server tells its own user, so nothing is sent to forged senders.
var (
	errRelay     = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Relaying denied: this server takes mail for its town only"}
	errNoMailbox = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such address here"}
)

// reportLocal is the address for anything; postmaster must be accepted by
// every mail server (RFC 5321 §4.5.1), and is read the same way.
var reportLocal = map[string]bool{"report": true, "postmaster": true}

// Recipient checks one RCPT TO address: report@, <service code>@ or a
// request's signed reply address, all at the town's mail domain.
func (in *Intake) Recipient(addr string) (Target, error) {
	domain := in.Town.Get().MailDomain
	at := strings.LastIndexByte(addr, '@')
	if domain == "" || at < 0 || !strings.EqualFold(addr[at+1:], domain) {
		return Target{}, errRelay
	}
	local := strings.ToLower(addr[:at])
	t := Target{Address: local + "@" + strings.ToLower(domain)}
	switch {
	case reportLocal[local] || strings.EqualFold(addr, in.App.Settings().Meta.SenderAddress):
		// The address Townhall sends from gets the bounces, and the odd
		// reply to a sign-in code: read like report@.
		return t, nil
	case strings.HasPrefix(local, "request+"):
		number, err := in.replyNumber(strings.TrimPrefix(local, "request+"))
		t.Number = number
		return t, err
	}
	def := in.Town.Get().DefaultLanguage
	if _, err := requests.ServiceByCode(in.App, local, def, def); err != nil {
		if isNotFound(err) {
			return Target{}, errNoMailbox
		}
		return Target{}, fmt.Errorf("look up service %q: %w", local, err)
	}
	t.Service = local
	return t, nil
}

// replyNumber checks "<number>.<signature>" and that the request exists.
func (in *Intake) replyNumber(s string) (string, error) {
	dot := strings.LastIndexByte(s, '.')
	if dot <= 0 {
		return "", errNoMailbox
	}
	number, sig := s[:dot], s[dot+1:]
	if !requests.Verify(in.App, "reply", number, sig) {
		return "", errNoMailbox
	}
	if _, err := requests.ByNumber(in.App, number); err != nil {
		if isNotFound(err) {
			return "", errNoMailbox
		}
		return "", fmt.Errorf("look up request %s: %w", number, err)
	}
	return number, nil
}

func isNotFound(err error) bool {
	return errors.Is(err, sql.ErrNoRows)
}
