package main

import (
	"io"
	"log"
	"net"
	"sync/atomic"

	"github.com/emersion/go-smtp"
)

// relay stands in for the town's mail provider: an SMTP server on
// loopback that takes every message the outbox hands it and counts them,
// so the storm measures the digest being sent as well as built.
type relay struct {
	taken atomic.Int64
}

// listen serves SMTP on addr until the process ends.
func (r *relay) listen(addr string) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatalf("relay: %v", err)
	}
	s := smtp.NewServer(r)
	s.Domain = "relay.storm.example"
	s.AllowInsecureAuth = true
	go func() {
		if err := s.Serve(l); err != nil {
			log.Printf("relay: %v", err)
		}
	}()
}

// NewSession is a conversation with the outbox.
func (r *relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

type relaySession struct{ r *relay }

func (s *relaySession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *relaySession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *relaySession) Reset()                               {}
func (s *relaySession) Logout() error                        { return nil }

// Data reads the message and counts it.
func (s *relaySession) Data(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	s.r.taken.Add(1)
	return nil
}
