package captive

import (
	"context"
	"sync"
	"time"

	"github.com/certwiz/certwiz/findings"
)

// Probe runs the primary check and any corroborating checks at once and
// returns when all have answered or ctx is done. It never returns nil.
//
// The primary check decides when it is conclusive (online or portal);
// otherwise the first conclusive corroborating check, in Config order,
// does. With no conclusive check the state is unknown and carries the
// primary check's error.
func Probe(ctx context.Context, cfg Config) *Result {
	start := time.Now()
	client := noRedirects(cfg.Client)
	reqs := []request{{url: cfg.url()}}
	if cfg.Challenge {
		reqs[0].challenge = newChallenge()
	}
	for _, c := range cfg.Corroborate {
		body := c.Body
		reqs = append(reqs, request{url: c.URL, expect: &body})
	}
	checks := make([]CheckResult, len(reqs))
	var wg sync.WaitGroup
	for i, rq := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			checks[i] = run(ctx, client, rq)
		}()
	}
	wg.Wait()

	decider := checks[0]
	for _, c := range checks {
		if c.State != StateUnknown {
			decider = c
			break
		}
	}
	res := &Result{
		State:      decider.State,
		URL:        decider.URL,
		StatusCode: decider.StatusCode,
		LandingURL: decider.LandingURL,
		Err:        decider.Err,
		Checks:     checks,
	}
	switch res.State {
	case StatePortal:
		res.Findings = append(res.Findings, portalFinding(decider))
	case StateUnknown:
		res.Findings = append(res.Findings, unknownFinding(decider))
	}
	findings.Sort(res.Findings)
	res.Duration = time.Since(start)
	return res
}
