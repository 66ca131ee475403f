// Command storm is the load of the storm-day script (scripts/storm.sh): for
// a fixed time, at constant rates, page views (home, an article, search,
// tracking pages, the request list), web submissions with a photo and
// emails to the town's address, each from its own client address (the
// server must trust X-Forwarded-For). With -relay it is also the town's
// mail provider, taking what the outbox sends. It samples the server's RSS, then
// prints p50/p99 per kind, errors and the peak RSS.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log"
	"maps"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/smtp"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

type result struct {
	kind string
	page string // which page, for a page view
	took time.Duration
	err  error
}

func main() {
	base := flag.String("base", "http://127.0.0.1:18190", "the server")
	smtpAddr := flag.String("smtp", "127.0.0.1:12525", "the server's email listener")
	to := flag.String("to", "report@aldercreek.example", "the town's request address")
	dur := flag.Duration("duration", 30*time.Second, "how long the storm lasts")
	pages := flag.Float64("pages", 50, "page views a second")
	submits := flag.Float64("submits", 2, "web submissions with a photo a second")
	emails := flag.Float64("emails", 1, "emails a second")
	pid := flag.Int("pid", 0, "the server's process id, to sample its RSS")
	relayAddr := flag.String("relay", "", "if set, serve as the town's mail provider on this address")
	flag.Parse()
	var rl relay
	if *relayAddr != "" {
		rl.listen(*relayAddr)
	}
	numbers := trackable(*base)
	photo := makePhoto(700 << 10)
	paths := []string{"/en/", "/en/help/waste/trash-and-recycling-collection", "/en/search?q=trash", "", "/en/requests",
		"/es/", "/en/requests?status=open", "/es/search?q=basura", "", "/en/help"}
	results := make(chan result, 1<<16)
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	peak := make(chan int64)
	stop := make(chan struct{})
	go sampleRSS(*pid, stop, peak)
	start := time.Now()
	every(&wg, start, *dur, *pages, func(i int) {
		p, label := paths[i%len(paths)], paths[i%len(paths)]
		if p == "" {
			p, label = "/en/requests/"+numbers[rand.IntN(len(numbers))], "/en/requests/{number}"
		}
		r := timed("page", func() error { return get(client, *base+p, i) })
		r.page = label
		results <- r
	})
	every(&wg, start, *dur, *submits, func(i int) {
		results <- timed("submit", func() error { return submit(client, *base, photo, i) })
	})
	every(&wg, start, *dur, *emails, func(i int) {
		results <- timed("email", func() error { return email(*smtpAddr, *to, i) })
	})
	wg.Wait()
	close(stop)
	close(results)
	report(results, <-peak, time.Since(start))
	if *relayAddr != "" {
		fmt.Printf("  the mail provider took %d emails during the storm\n", rl.taken.Load())
	}
}

// every calls fn rate times a second for dur, each call on its own
// goroutine at its scheduled time (an open loop: a slow server does not
// slow the arrivals).
func every(wg *sync.WaitGroup, start time.Time, dur time.Duration, rate float64, fn func(int)) {
	if rate <= 0 {
		return
	}
	n := int(dur.Seconds() * rate)
	gap := time.Duration(float64(time.Second) / rate)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range n {
			time.Sleep(time.Until(start.Add(time.Duration(i) * gap)))
			wg.Add(1)
			go func() { defer wg.Done(); fn(i) }()
		}
	}()
}

func timed(kind string, fn func() error) result {
	t := time.Now()
	err := fn()
	return result{kind: kind, took: time.Since(t), err: err}
}

func addr(i int) string { return fmt.Sprintf("10.%d.%d.%d", 1+i>>16&127, i>>8&255, i&255) }

func get(c *http.Client, url string, i int) error {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("X-Forwarded-For", addr(i))
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d", url, res.StatusCode)
	}
	return nil
}

func submit(c *http.Client, base string, photo []byte, i int) error {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range map[string]string{"action": "submit", "description": fmt.Sprintf("Storm damage %d: a tree is down across the road", i),
		"address": fmt.Sprintf("%d Mill Street", i), "attr.size": "large", "contact_email": fmt.Sprintf("storm%d.%d@example.com", i, os.Getpid())} {
		if err := w.WriteField(k, v); err != nil {
			return err
		}
	}
	f, err := w.CreateFormFile("photos", "tree.jpg")
	if err != nil {
		return err
	}
	if _, err := f.Write(photo); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/en/services/pothole/request", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-Forwarded-For", addr(1<<22+i))
	req.Header.Set("Origin", base)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("POST: %d", res.StatusCode)
	}
	return nil
}

func email(server, to string, i int) error {
	from := fmt.Sprintf("caller%d.%d@example.com", i, os.Getpid())
	msg := "From: Caller <" + from + ">\r\nTo: " + to + "\r\nSubject: Streetlight out on River Road " + strconv.Itoa(i) +
		"\r\nMessage-ID: <storm" + strconv.Itoa(i) + "." + strconv.Itoa(os.Getpid()) + "@example.com>\r\n" +
		"Date: " + time.Now().Format(time.RFC1123Z) + "\r\n\r\nThe light by pole 7 has been out since the storm.\r\n"
	return smtp.SendMail(server, nil, from, []string{to}, []byte(msg))
}

// trackable reads public request numbers from Open311, for tracking pages.
func trackable(base string) []string {
	res, err := http.Get(base + "/open311/v2/requests.json?page_size=1000")
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	var list []struct {
		ID string `json:"service_request_id"`
	}
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil || len(list) == 0 {
		log.Fatalf("no public requests to track (%v)", err)
	}
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = r.ID
	}
	return out
}

// makePhoto is a JPEG of noise about size bytes long.
func makePhoto(size int) []byte {
	for side := 400; ; side += 40 {
		img := image.NewRGBA(image.Rect(0, 0, side, side*3/4))
		for i := range img.Pix {
			img.Pix[i] = uint8(rand.IntN(256))
		}
		img.Set(0, 0, color.White)
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
			log.Fatal(err)
		}
		if b.Len() >= size {
			return b.Bytes()
		}
	}
}

// sampleRSS reads the server's VmRSS every 50 ms until stop, then sends
// the peak in kB.
func sampleRSS(pid int, stop chan struct{}, peak chan int64) {
	var top int64
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if pid > 0 {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
						if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
							top = max(top, kb)
						}
					}
				}
			}
		}
		select {
		case <-stop:
			peak <- top
			return
		case <-t.C:
		}
	}
}

// percentiles sorts d and gives its p50, p99 and maximum in milliseconds.
func percentiles(d []time.Duration) (p50, p99, top float64) {
	slices.Sort(d)
	ms := func(x time.Duration) float64 { return float64(x.Microseconds()) / 1000 }
	return ms(d[len(d)*50/100]), ms(d[min(len(d)-1, len(d)*99/100)]), ms(d[len(d)-1])
}

func report(results chan result, peakKB int64, took time.Duration) {
	byKind := map[string][]time.Duration{}
	byPage := map[string][]time.Duration{}
	errs := map[string]int{}
	var firstErr []string
	for r := range results {
		byKind[r.kind] = append(byKind[r.kind], r.took)
		if r.page != "" {
			byPage[r.page] = append(byPage[r.page], r.took)
		}
		if r.err != nil {
			errs[r.kind]++
			if len(firstErr) < 5 {
				firstErr = append(firstErr, r.kind+": "+r.err.Error())
			}
		}
	}
	fmt.Printf("storm: %v\n", took.Round(time.Millisecond))
	for _, k := range []string{"page", "submit", "email"} {
		d := byKind[k]
		if len(d) == 0 {
			continue
		}
		p50, p99, top := percentiles(d)
		fmt.Printf("  %-7s %5d done, %d errors, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", k, len(d), errs[k], p50, p99, top)
	}
	for _, page := range slices.Sorted(maps.Keys(byPage)) {
		p50, p99, top := percentiles(byPage[page])
		fmt.Printf("    %-28s p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", page, p50, p99, top)
	}
	for _, e := range firstErr {
		fmt.Println("  error:", e)
	}
	fmt.Printf("  peak RSS of the server: %d MB\n", peakKB/1024)
}
