package mailin

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/mail"
	"strings"
	"sync"
	"time"

	"blitiri.com.ar/go/spf"
	"github.com/emersion/go-msgauth/authres"
	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-msgauth/dmarc"
	"golang.org/x/net/publicsuffix"
)

// Sender authentication. Anyone can write any From address, so before a
// message speaks for an account (a request filed under a resident, a
// reply posted as the reporter or as staff) Townhall wants the From domain
// to vouch for it, as DMARC (RFC 7489) defines it: a valid DKIM signature
// (RFC 6376) of that domain, or an SPF pass (RFC 7208) for the connecting
// address and a MAIL FROM of that domain; "that domain" is relaxed, so a
// subdomain of the same organizational domain (the public suffix plus one
// label, from golang.org/x/net/publicsuffix) counts, unless the domain's
// DMARC record asks for strict alignment.
//
// SPF is checked only for clients that are not trusted relays: a relay's
// address says nothing about who wrote the message. For a trusted relay,
// its Authentication-Results headers are read instead (only the topmost
// header's authserv-id is believed, and only from a trusted client: anyone
// else can write that header). DKIM is checked for every client, since a
// signature survives relaying.
//
// DNS errors and timeouts leave a message unverified, never failed.

// Resolver is the DNS the sender checks use. *net.Resolver is one
// (net.DefaultResolver is the default); tests hand in their own.
type Resolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
	LookupMX(ctx context.Context, name string) ([]*net.MX, error)
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
	LookupAddr(ctx context.Context, addr string) ([]string, error)
}

// maxSignatures is the most DKIM signatures checked in one message: each
// costs a DNS look-up and a pass over the body.
const maxSignatures = 5

// authResult is what Townhall learned about who sent a message.
type authResult struct {
	// Aligned: a DKIM signature or an SPF pass (checked here, or by a
	// trusted relay) vouches for the From domain, so the message may speak
	// for the account with the From address.
	Aligned bool
	// DMARCFail: the From domain publishes a DMARC record and nothing that
	// passed vouches for it: the From address is likely forged.
	DMARCFail bool
	// Reason is the outcome for the inbound log, in the terms of
	// Authentication-Results headers.
	Reason string
}

// senderCheck authenticates senders for one listener.
type senderCheck struct {
	off      bool // no DNS look-ups: only trusted relays' headers count
	resolver Resolver
	timeout  time.Duration
	trusted  map[string]bool
}

func newSenderCheck(cfg Config) *senderCheck {
	c := &senderCheck{off: cfg.NoSenderChecks, resolver: cfg.Resolver, timeout: cfg.AuthTimeout, trusted: map[string]bool{}}
	for _, ip := range cfg.Trusted {
		c.trusted[ip] = true
	}
	return c
}

// authenticate checks one message, within the check's timeout.
func (c *senderCheck) authenticate(env Envelope, raw []byte, msg *Message) authResult {
	e := &evaluation{from: fromDomain(msg), trusted: c.trusted[env.RemoteIP], checked: !c.off}
	if e.from == "" {
		return authResult{Reason: "sender not verified: no single From address"}
	}
	if e.trusted {
		e.readRelay(msg.Header)
	}
	if !c.off {
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
		r := bounded{c.resolver}
		var wg sync.WaitGroup
		wg.Go(func() { e.checkDKIM(ctx, r, raw) })
		if !e.trusted {
			wg.Go(func() { e.checkSPF(ctx, r, env) })
		}
		wg.Go(func() { e.lookupDMARC(ctx, r) })
		wg.Wait()
	}
	return e.result()
}

// evaluation collects the checks of one message; each check writes its own
// fields.
type evaluation struct {
	from             string // the From domain, in lower case
	trusted, checked bool

	dkim    []outcome // one per signature checked here
	dkimErr string    // a message whose signatures could not be read

	spf       spf.Result
	spfDomain string

	record     *dmarc.Record
	recordTemp bool // the DMARC record could not be looked up

	relayID    string    // the trusted relay's authserv-id
	relayDKIM  []string  // domains whose DKIM signature the relay found valid
	relaySPF   []string  // MAIL FROM domains the relay found SPF pass for
	relayDMARC string    // "pass", "fail" or ""
	relayAll   []outcome // what the relay said, for the log
}

type outcome struct{ result, domain string }

func (e *evaluation) checkDKIM(ctx context.Context, r bounded, raw []byte) {
	verifs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{
		LookupTXT:        func(name string) ([]string, error) { return r.LookupTXT(ctx, name) },
		MaxVerifications: maxSignatures,
	})
	if err != nil && !errors.Is(err, dkim.ErrTooManySignatures) && len(verifs) == 0 {
		e.dkimErr = "permerror"
		return
	}
	for _, v := range verifs {
		if v == nil {
			continue
		}
		res := "pass"
		switch {
		case v.Err == nil:
		case dkim.IsTempFail(v.Err):
			res = "temperror"
		case dkim.IsPermFail(v.Err):
			res = "permerror"
		default:
			res = "fail"
		}
		e.dkim = append(e.dkim, outcome{res, normDomain(v.Domain)})
	}
}

func (e *evaluation) checkSPF(ctx context.Context, r bounded, env Envelope) {
	e.spfDomain = domainOf(env.ReturnPath)
	if e.spfDomain == "" {
		e.spfDomain = normDomain(env.Helo)
	}
	ip := net.ParseIP(env.RemoteIP)
	if ip == nil || e.spfDomain == "" {
		e.spf = spf.None
		return
	}
	e.spf, _ = spf.CheckHostWithSender(ip, env.Helo, env.ReturnPath, spf.WithResolver(r), spf.WithContext(ctx))
}

// lookupDMARC finds the From domain's DMARC record, or its organizational
// domain's (RFC 7489 §6.6.3). A record that cannot be read counts as none.
func (e *evaluation) lookupDMARC(ctx context.Context, r bounded) {
	txt := func(name string) ([]string, error) { return r.LookupTXT(ctx, name) }
	domains := []string{e.from}
	if org := orgDomain(e.from); org != e.from {
		domains = append(domains, org)
	}
	for _, d := range domains {
		rec, err := dmarc.LookupWithOptions(d, &dmarc.LookupOptions{LookupTXT: txt})
		switch {
		case err == nil:
			e.record = rec
			return
		case dmarc.IsTempFail(err):
			e.recordTemp = true
			return
		}
	}
}

// readRelay reads a trusted relay's Authentication-Results headers: those
// with the authserv-id of the topmost one, which the relay added last.
// Headers with another authserv-id came with the message and prove
// nothing.
func (e *evaluation) readRelay(h mail.Header) {
	vals := h["Authentication-Results"]
	if len(vals) == 0 {
		return
	}
	id, _, err := authres.Parse(vals[0])
	if err != nil || id == "" {
		return
	}
	e.relayID = id
	for _, v := range vals {
		vid, results, err := authres.Parse(v)
		if err != nil || !strings.EqualFold(vid, id) {
			continue
		}
		for _, r := range results {
			switch r := r.(type) {
			case *authres.DKIMResult:
				d := normDomain(r.Domain)
				if d == "" {
					d = domainOf(r.Identifier)
				}
				e.relayAll = append(e.relayAll, outcome{"dkim=" + string(r.Value), d})
				if r.Value == authres.ResultPass && d != "" {
					e.relayDKIM = append(e.relayDKIM, d)
				}
			case *authres.SPFResult:
				d := domainOf(r.From)
				e.relayAll = append(e.relayAll, outcome{"spf=" + string(r.Value), d})
				if r.Value == authres.ResultPass && d != "" {
					e.relaySPF = append(e.relaySPF, d)
				}
			case *authres.DMARCResult:
				d := normDomain(r.From)
				e.relayAll = append(e.relayAll, outcome{"dmarc=" + string(r.Value), d})
				if d != "" && d != e.from {
					continue // about another From than the one Townhall reads
				}
				switch {
				case r.Value == authres.ResultFail:
					e.relayDMARC = "fail"
				case r.Value == authres.ResultPass && e.relayDMARC == "":
					e.relayDMARC = "pass"
				}
			}
		}
	}
}

// result weighs the checks: aligned when any pass vouches for the From
// domain; a DMARC failure when the domain has a record (any policy,
// p=none too), nothing aligned passed, and no look-up that might have
// passed failed for a temporary reason.
func (e *evaluation) result() authResult {
	var dkimMode, spfMode dmarc.AlignmentMode = dmarc.AlignmentRelaxed, dmarc.AlignmentRelaxed
	if e.record != nil {
		dkimMode, spfMode = e.record.DKIMAlignment, e.record.SPFAlignment
	}
	aligned, temp := false, e.recordTemp
	for _, o := range e.dkim {
		if align(o.domain, e.from, dkimMode) {
			aligned = aligned || o.result == "pass"
			temp = temp || o.result == "temperror"
		}
	}
	if align(e.spfDomain, e.from, spfMode) {
		aligned = aligned || e.spf == spf.Pass
		temp = temp || e.spf == spf.TempError
	}
	for _, d := range e.relayDKIM {
		aligned = aligned || align(d, e.from, dkimMode)
	}
	for _, d := range e.relaySPF {
		aligned = aligned || align(d, e.from, spfMode)
	}
	aligned = aligned || e.relayDMARC == "pass"
	fail := false
	if !aligned {
		if e.trusted {
			// Behind a relay Townhall cannot check SPF, so its own DMARC
			// verdict would fail every sender that relies on SPF alone:
			// only the relay's verdict counts.
			fail = e.relayDMARC == "fail"
		} else {
			fail = e.record != nil && !temp
		}
	}

	var parts []string
	if e.checked {
		switch {
		case e.dkimErr != "":
			parts = append(parts, "dkim="+e.dkimErr)
		case len(e.dkim) == 0:
			parts = append(parts, "dkim=none")
		}
		for _, o := range e.dkim {
			parts = append(parts, "dkim="+o.result+" header.d="+o.domain)
		}
		if !e.trusted {
			parts = append(parts, "spf="+string(e.spf)+" smtp.mailfrom="+e.spfDomain)
		}
		switch {
		case e.record != nil:
			parts = append(parts, "dmarc record p="+string(e.record.Policy))
		case e.recordTemp:
			parts = append(parts, "dmarc record=temperror")
		default:
			parts = append(parts, "dmarc record=none")
		}
	} else {
		parts = append(parts, "no DNS checks (turned off)")
	}
	if e.trusted {
		relay := "relay " + e.relayID + " said"
		if e.relayID == "" {
			relay = "relay said nothing"
		}
		for _, o := range e.relayAll {
			relay += " " + o.result
			if o.domain != "" {
				relay += " (" + o.domain + ")"
			}
		}
		parts = append(parts, relay)
	}
	verdict := "sender not verified: "
	switch {
	case aligned:
		verdict = "sender verified: "
	case fail:
		verdict = "sender failed DMARC, likely forged: "
	}
	return authResult{Aligned: aligned, DMARCFail: fail, Reason: verdict + strings.Join(parts, "; ") + " (header.from=" + e.from + ")"}
}

// fromDomain is the domain of the message's one From address, or "" when
// it has none, several, or more than one From header (a signature covers
// only one of them, and mail clients may show another).
func fromDomain(msg *Message) string {
	vals := msg.Header["From"]
	if len(vals) != 1 {
		return ""
	}
	p := mail.AddressParser{WordDecoder: wordDecoder}
	list, err := p.ParseList(vals[0])
	if err != nil || len(list) != 1 || !strings.EqualFold(list[0].Address, msg.From) {
		return ""
	}
	return domainOf(list[0].Address)
}

// domainOf is the domain of an address (or of a bare domain), in lower case.
func domainOf(addr string) string {
	return normDomain(addr[strings.LastIndexByte(addr, '@')+1:])
}

func normDomain(d string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
}

// align reports whether an authenticated domain vouches for the From
// domain: the same name, or (relaxed) the same organizational domain.
func align(d, from string, mode dmarc.AlignmentMode) bool {
	if d == "" || from == "" {
		return false
	}
	if d == from {
		return true
	}
	return mode != dmarc.AlignmentStrict && orgDomain(d) == orgDomain(from)
}

// orgDomain is a domain's organizational domain: its public suffix and one
// more label (aldercreek.gov for mail.aldercreek.gov, example.co.uk for
// lists.example.co.uk).
func orgDomain(d string) string {
	if org, err := publicsuffix.EffectiveTLDPlusOne(d); err == nil {
		return org
	}
	return d
}

// bounded is a Resolver whose look-ups end with their context, even when
// the resolver underneath does not, and whose errors are *net.DNSError
// (which the DKIM, DMARC and SPF libraries read to tell a temporary error
// from a missing record). It is also SPF's resolver.
type bounded struct{ r Resolver }

func (b bounded) LookupTXT(ctx context.Context, name string) ([]string, error) {
	return within(ctx, name, func() ([]string, error) { return b.r.LookupTXT(ctx, name) })
}

func (b bounded) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	return within(ctx, name, func() ([]*net.MX, error) { return b.r.LookupMX(ctx, name) })
}

func (b bounded) LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error) {
	return within(ctx, host, func() ([]net.IPAddr, error) { return b.r.LookupIPAddr(ctx, host) })
}

func (b bounded) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	return within(ctx, addr, func() ([]string, error) { return b.r.LookupAddr(ctx, addr) })
}

func within[T any](ctx context.Context, name string, look func() (T, error)) (T, error) {
	var zero T
	timedOut := &net.DNSError{Err: "timed out", Name: name, IsTimeout: true, IsTemporary: true}
	if ctx.Err() != nil {
		return zero, timedOut
	}
	type answer struct {
		v   T
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		v, err := look()
		ch <- answer{v, err}
	}()
	select {
	case a := <-ch:
		var dnsErr *net.DNSError
		switch {
		case a.err == nil:
			return a.v, nil
		case errors.As(a.err, &dnsErr):
			return zero, dnsErr
		case ctx.Err() != nil:
			return zero, timedOut
		}
		return zero, &net.DNSError{Err: a.err.Error(), Name: name, IsTemporary: true}
	case <-ctx.Done():
		return zero, timedOut
	}
}
