package netctx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/pion/stun/v3"
)

// maxSTUNResponse caps a STUN response read.
const maxSTUNResponse = 1500

// portTests lists the tests to run: TCP to the first target, UDP to the
// STUN server.
func portTests(cfg *Config) []PortResult {
	host := cfg.firstTarget()
	var out []PortResult
	if host != "" {
		tcp := cfg.Ports
		if tcp == nil {
			tcp = DefaultTCPPorts
		}
		for _, p := range tcp {
			out = append(out, PortResult{Proto: "tcp", Port: p, Host: host})
		}
	}
	udp := cfg.UDPPorts
	if udp == nil {
		udp = DefaultUDPPorts
	}
	if cfg.STUNServer == "" {
		for _, p := range udp {
			out = append(out, PortResult{Proto: "udp", Port: p, Host: host, State: StateNotTestable,
				Err: "no STUN server given: a UDP port cannot be judged without a server that answers"})
		}
		return out
	}
	shost, sport, err := net.SplitHostPort(cfg.STUNServer)
	if err != nil { // no port: test each UDP port of the STUN host
		for _, p := range udp {
			out = append(out, PortResult{Proto: "udp", Port: p, Host: cfg.STUNServer})
		}
		return out
	}
	n, err := strconv.Atoi(sport)
	if err != nil || n <= 0 || n > 65535 {
		return append(out, PortResult{Proto: "udp", Host: cfg.STUNServer, State: StateNotTestable,
			Err: fmt.Sprintf("STUN server %q: bad port", cfg.STUNServer)})
	}
	out = append(out, PortResult{Proto: "udp", Port: n, Host: shost})
	for _, p := range udp {
		if p != n {
			out = append(out, PortResult{Proto: "udp", Port: p, Host: shost, State: StateNotTestable,
				Err: fmt.Sprintf("the STUN server was given with port %d only", n)})
		}
	}
	return out
}

// testPorts runs every pending test concurrently.
func testPorts(ctx context.Context, cfg *Config) []PortResult {
	res := portTests(cfg)
	var wg sync.WaitGroup
	for i := range res {
		if res[i].State != "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			pctx, cancel := context.WithTimeout(ctx, dur(cfg.PortTimeout, DefaultPortTimeout))
			defer cancel()
			addr := net.JoinHostPort(res[i].Host, strconv.Itoa(res[i].Port))
			if res[i].Proto == "tcp" {
				res[i].State, res[i].Err = tcpState(pctx, cfg, addr)
			} else {
				res[i].State, res[i].Mapped, res[i].Err = stunState(pctx, cfg, addr)
			}
		}()
	}
	wg.Wait()
	return res
}

// tcpState connects to addr and judges the outcome.
func tcpState(ctx context.Context, cfg *Config, addr string) (state, errText string) {
	c, err := cfg.dial(ctx, "tcp", addr)
	if err == nil {
		_ = c.Close()
		return StateOpen, ""
	}
	return judge(err), err.Error()
}

// judge maps a dial or read error to a port state.
func judge(err error) string {
	var de *net.DNSError
	switch {
	case errors.As(err, &de):
		return StateNotTestable
	case errors.Is(err, syscall.ECONNREFUSED):
		return StateClosed
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), isTimeout(err):
		return StateFiltered
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return StateFiltered
	}
	return StateNotTestable
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// stunState sends a STUN binding request to addr over UDP and waits for
// the matching success response. A reply means the UDP path is open; an
// ICMP port unreachable means closed; silence until the deadline means
// filtered (or no STUN server there).
func stunState(ctx context.Context, cfg *Config, addr string) (state, mapped, errText string) {
	c, err := cfg.dial(ctx, "udp", addr)
	if err != nil {
		return judge(err), "", err.Error()
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { _ = c.SetDeadline(time.Now()) })
	defer stop()
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	}
	req, err := stun.Build(stun.TransactionID, stun.BindingRequest, stun.Fingerprint)
	if err != nil {
		return StateNotTestable, "", fmt.Sprintf("build STUN request: %v", err)
	}
	buf := make([]byte, maxSTUNResponse)
	// Resend a few times within the deadline: UDP may drop one datagram.
	for attempt := 0; ; attempt++ {
		if _, err := c.Write(req.Raw); err != nil {
			return judge(err), "", fmt.Sprintf("send STUN request: %v", err)
		}
		_ = c.SetReadDeadline(nextRead(ctx, attempt))
		n, err := c.Read(buf)
		if err != nil {
			if isTimeout(err) && ctx.Err() == nil && !pastDeadline(ctx) {
				continue
			}
			if isTimeout(err) || ctx.Err() != nil {
				err = fmt.Errorf("no STUN answer from %s: %w", addr, context.DeadlineExceeded)
			}
			return judge(err), "", err.Error()
		}
		resp := &stun.Message{Raw: append([]byte(nil), buf[:n]...)}
		if err := resp.Decode(); err != nil || resp.TransactionID != req.TransactionID {
			continue // not our answer; keep waiting
		}
		if resp.Type != stun.BindingSuccess {
			return StateOpen, "", fmt.Sprintf("STUN server answered %s", resp.Type)
		}
		var xor stun.XORMappedAddress
		if err := xor.GetFrom(resp); err == nil {
			mapped = xor.String()
		}
		return StateOpen, mapped, ""
	}
}

// nextRead returns the read deadline of an attempt: 250 ms, doubling,
// never past the context deadline.
func nextRead(ctx context.Context, attempt int) time.Time {
	t := time.Now().Add(250 * time.Millisecond << min(attempt, 3))
	if dl, ok := ctx.Deadline(); ok && dl.Before(t) {
		return dl
	}
	return t
}

func pastDeadline(ctx context.Context) bool {
	dl, ok := ctx.Deadline()
	return ok && !time.Now().Before(dl)
}
