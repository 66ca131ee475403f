package mailin_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
)

// fakeDNS is a zone in memory for the sender checks: TXT records by name;
// every other name does not exist. A name in hang answers only after 10
// seconds, whatever the context says, like a resolver stuck on a dead
// name server.
type fakeDNS struct {
	mu      sync.Mutex
	txt     map[string][]string
	hang    map[string]bool
	queries int
}

func newFakeDNS() *fakeDNS {
	return &fakeDNS{txt: map[string][]string{}, hang: map[string]bool{}}
}

func fqdn(name string) string { return strings.TrimSuffix(strings.ToLower(name), ".") }

// setTXT publishes a TXT record.
func (d *fakeDNS) setTXT(name string, values ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.txt[fqdn(name)] = values
}

// stall makes look-ups of these names hang.
func (d *fakeDNS) stall(names ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, n := range names {
		d.hang[fqdn(n)] = true
	}
}

func (d *fakeDNS) lookups() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queries
}

func (d *fakeDNS) LookupTXT(_ context.Context, name string) ([]string, error) {
	name = fqdn(name)
	d.mu.Lock()
	d.queries++
	v, ok := d.txt[name]
	hang := d.hang[name]
	d.mu.Unlock()
	if hang {
		time.Sleep(10 * time.Second)
		return nil, context.DeadlineExceeded
	}
	if !ok {
		return nil, notFound(name)
	}
	return v, nil
}

func (d *fakeDNS) LookupMX(_ context.Context, name string) ([]*net.MX, error) {
	d.count()
	return nil, notFound(name)
}

func (d *fakeDNS) LookupIPAddr(_ context.Context, host string) ([]net.IPAddr, error) {
	d.count()
	return nil, notFound(host)
}

func (d *fakeDNS) LookupAddr(_ context.Context, addr string) ([]string, error) {
	d.count()
	return nil, notFound(addr)
}

func (d *fakeDNS) count() {
	d.mu.Lock()
	d.queries++
	d.mu.Unlock()
}

func notFound(name string) error {
	return &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
}

// testKey is the RSA key every test domain signs with, made once.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// sign adds a DKIM signature of domain (selector "town") to msg, and
// publishes the public key in the zone, as the domain's mail provider
// would.
func (d *fakeDNS) sign(t testing.TB, domain string, msg []byte) []byte {
	t.Helper()
	key := testKey()
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	d.setTXT("town._domainkey."+domain, "v=DKIM1; k=rsa; p="+base64.StdEncoding.EncodeToString(der))
	var b bytes.Buffer
	err = dkim.Sign(&b, bytes.NewReader(msg), &dkim.SignOptions{Domain: domain, Selector: "town", Signer: key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed,
		HeaderKeys: []string{"From", "To", "Subject", "Date", "Message-ID", "Content-Type"}})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
