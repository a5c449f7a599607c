package clock

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// dateResolution is the Date header's granularity: servers write whole
// seconds, so the true time lies somewhere in [Date, Date+1s).
const dateResolution = time.Second

// dateClient returns a client for reading Date headers. It reuses the
// caller's transport (proxy, --resolve) but skips certificate
// verification: a Date header is a time source, not a trust decision, and
// the certificate may well be failing precisely because this clock is
// wrong. Nothing but the header is read, and no body is consumed.
func dateClient(c *http.Client) *http.Client {
	var rt http.RoundTripper = http.DefaultTransport
	if c != nil && c.Transport != nil {
		rt = c.Transport
	}
	if tr, ok := rt.(*http.Transport); ok {
		tr = tr.Clone()
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{}
		}
		tr.TLSClientConfig.InsecureSkipVerify = true // Date is not a trust decision; see above.
		tr.DisableKeepAlives = true
		rt = tr
	}
	return &http.Client{
		Transport:     rt,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// fetchDates reads the Date header of every URL at once, bounded by ctx.
// adjust is system − local, as in queryAll.
func fetchDates(ctx context.Context, client *http.Client, urls []string, adjust time.Duration) []DateResult {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]DateResult, len(urls))
	var wg sync.WaitGroup
	var once sync.Once
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = fetchDate(ctx, client, u, adjust)
			if out[i].Err == "" {
				// One answer is enough to go on: give the others a
				// moment, so a target that never answers cannot hold
				// the clock verdict (and everything waiting on it).
				once.Do(func() { time.AfterFunc(DateStraggle, cancel) })
			}
		}()
	}
	wg.Wait()
	return out
}

// DateStraggle is how long the Date fallback waits for the other servers
// once one has answered.
const DateStraggle = 500 * time.Millisecond

// fetchDate sends one HEAD request. The server stamped its Date somewhere
// during the round trip, truncated to the second, so the estimate is
// Date + 0.5 s against the local midpoint of the exchange, and the
// uncertainty is the full resolution plus the round trip.
func fetchDate(ctx context.Context, client *http.Client, url string, adjust time.Duration) DateResult {
	res := DateResult{URL: url}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		res.Err = fmt.Sprintf("date %s: %v", url, err)
		return res
	}
	req.Header.Set("Cache-Control", "no-cache")
	sent := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		res.Err = fmt.Sprintf("date %s: %v", url, err)
		return res
	}
	rtt := time.Since(sent)
	sysMid := time.Now().Round(0).Add(-rtt / 2)
	_ = resp.Body.Close()
	res.RTT = rtt
	date, err := parseDate(resp.Header)
	if err != nil {
		res.Err = fmt.Sprintf("date %s: %v", url, err)
		return res
	}
	res.Date = date
	res.Offset = date.Add(dateResolution/2).Sub(sysMid) + adjust
	res.Uncertainty = dateResolution + rtt
	return res
}

func parseDate(h http.Header) (time.Time, error) {
	v := h.Get("Date")
	if v == "" {
		return time.Time{}, errors.New("no Date header in the response")
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("unreadable Date header %q: %w", v, err)
	}
	return t, nil
}
