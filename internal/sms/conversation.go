package sms

import (
	"fmt"
	"strings"

	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/search"
)

// The keywords, matched on the whole text (STATUS and ESTADO may be
// followed by a request number), in capitals without accents. Carriers
// and providers honour the stop words too; the town keeps its own list
// anyway, whatever the provider does.
var (
	stopWords   = words("STOP STOPALL UNSUBSCRIBE CANCEL END QUIT")
	startWords  = words("START UNSTOP")
	helpWords   = words("HELP INFO AYUDA")
	reportWords = words("REPORT REPORTAR REPORTE")
	statusWords = words("STATUS ESTADO")
	clerkWords  = words("CLERK SECRETARIO SECRETARIA PERSONA")
	langWords   = map[string]string{"ES": "es", "ESPANOL": "es", "EN": "en", "ENGLISH": "en", "INGLES": "en"}
	noWords     = words("NO SKIP NONE NADA LISTO")
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// keyword is the text's first word in capitals without accents, and the
// rest of the text.
func keyword(body string) (string, string) {
	first, rest, _ := strings.Cut(strings.TrimSpace(body), " ")
	first = strings.Trim(first, ".!¡?¿,;:")
	return strings.ToUpper(search.Fold(strings.ToLower(first))), strings.TrimSpace(rest)
}

// run answers the text. STOP and START are obeyed first, always; a
// stopped number gets no answer to anything else; then the rate limit,
// the other keywords, the report in progress, and free text.
func (t *turn) run() error {
	kw, rest := keyword(t.in.Body)
	whole := rest == ""
	switch {
	case whole && stopWords[kw]:
		return t.stop()
	case whole && startWords[kw]:
		t.num.Set("stopped", false)
		t.outcome("start")
		if err := t.tx.Save(t.num); err != nil { // before the reply: the outbox reads the stop list
			return fmt.Errorf("restart texts: %w", err)
		}
		return t.reply("sms.reply.started", nil)
	case t.num.GetBool("stopped"):
		t.outcome("stopped")
		return nil
	}
	if limited, err := t.limited(); limited || err != nil {
		return err
	}
	switch {
	case whole && helpWords[kw]:
		t.outcome("help")
		return t.reply("sms.reply.help", nil)
	case whole && langWords[kw] != "" && t.c.Town.Get().Offers(langWords[kw]):
		t.lang = langWords[kw]
		t.outcome("language")
		return t.reply("sms.reply.language", nil)
	case whole && reportWords[kw]:
		t.st = state{Question: t.st.Question}
		return t.askService()
	case statusWords[kw]:
		return t.status(rest)
	case whole && clerkWords[kw]:
		return t.clerk()
	}
	if step := t.num.GetString("step"); step != "" {
		return t.report(step)
	}
	return t.freeText()
}

// stop obeys a stop word: nothing more goes to the number until START.
// Twilio answers a STOP itself (and refuses to send after it), so only
// the Android gateway's numbers get the town's confirmation.
func (t *turn) stop() error {
	t.num.Set("stopped", true)
	t.num.Set("step", "")
	t.st = state{}
	t.outcome("stop")
	if t.s.Provider == outbox.ProviderTwilio {
		return nil
	}
	return t.c.composer().TextReply(t.tx, t.text(outbox.KindStopped), "sms.reply.stopped", nil)
}

// minProblemWords is how many words a text needs to read as a problem.
const minProblemWords = 3

// freeText answers a text that is no keyword: a reply to an update about
// a request is a comment on it; a question gets the help pages' answer; a
// few words about a problem start a report with them; anything else gets
// the menu.
func (t *turn) freeText() error {
	if done, err := t.comment(); done || err != nil {
		return err
	}
	if kb.IsQuestion(t.in.Body, t.lang) {
		return t.answer()
	}
	if len(strings.Fields(t.in.Body)) >= minProblemWords {
		t.st = state{Description: t.in.Body, Question: t.st.Question}
		return t.askService()
	}
	t.outcome("menu")
	return t.reply("sms.reply.menu", nil)
}

// answer quotes the help page that answers the text, or says none does;
// both offer the clerk.
func (t *turn) answer() error {
	t.st.Question = clip(t.in.Body, 500)
	a, ok, err := kb.FindAnswer(t.tx, t.in.Body, t.lang)
	if err != nil {
		return err
	}
	if !ok {
		t.outcome("no answer")
		return t.reply("sms.reply.no_answer", nil)
	}
	t.outcome("answer")
	return t.c.composer().TextAnswer(t.tx, t.text("sms.answer"), a)
}
