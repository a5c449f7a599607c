package probes

import (
	"context"
	"sync"

	"github.com/certwiz/certwiz/probes/captive"
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/netctx"
)

// Prober runs single probes with one configuration, for callers that
// run them one at a time (the wizard runs the clock probe on one screen
// and the TLS probes on another). Run uses the same probes all at once.
// Each method bounds its probe by ctx and by the configured budget, and
// turns a panic into a failed result.
type Prober struct {
	cfg  Config
	once sync.Once
	env  *env
}

// NewProber returns a prober for cfg. The shared parts (dialer, trust
// pools) are prepared on first use, so a UI can draw before the system
// trust store has been read.
func NewProber(cfg Config) *Prober { return &Prober{cfg: cfg} }

func (p *Prober) prepare() *env {
	p.once.Do(func() { p.env = newEnv(p.cfg) })
	return p.env
}

func (p *Prober) budget(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, p.cfg.timeout())
}

// Clock runs the clock probe.
func (p *Prober) Clock(ctx context.Context) *clock.Result {
	ctx, cancel := p.budget(ctx)
	defer cancel()
	return safeClock(ctx, p.prepare())
}

// Captive runs the captive-portal probe.
func (p *Prober) Captive(ctx context.Context) *captive.Result {
	ctx, cancel := p.budget(ctx)
	defer cancel()
	return safeCaptive(ctx, p.prepare())
}

// Network runs the network-context probe.
func (p *Prober) Network(ctx context.Context) *netctx.Result {
	ctx, cancel := p.budget(ctx)
	defer cancel()
	return safeNetwork(ctx, p.prepare())
}

// Target probes one target. clk, when not nil, is the clock probe's
// result: it supplies the reference time that tells a fault the clock
// caused from a real one.
func (p *Prober) Target(ctx context.Context, t Target, clk *clock.Result) *TargetReport {
	ctx, cancel := p.budget(ctx)
	defer cancel()
	tr := safeTarget(ctx, p.prepare(), t, func() (*clock.Result, bool) { return clk, clk != nil })
	one := &Report{Targets: []*TargetReport{tr}, Clock: clk}
	markClockCaused(one, p.prepare())
	return tr
}

// Proxy names the proxy the targets go through ("" when direct).
func (p *Prober) Proxy() string { return p.prepare().proxyFor(p.cfg.Targets) }
