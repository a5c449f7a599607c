package clock

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/beevik/ntp"
)

// maxRTT rejects answers whose round trip is too long to be useful: the
// uncertainty would swamp Chromium's five-minute tolerance anyway.
const maxRTT = 2 * time.Second

// queryAll asks every server at once and returns one result per server,
// in order. adjust converts the system clock's offset into an offset
// from the judged local clock (system − local).
func queryAll(ctx context.Context, servers []string, adjust time.Duration) []ServerResult {
	ctx, cancel := context.WithTimeout(ctx, NTPWait)
	defer cancel()
	out := make([]ServerResult, len(servers))
	var wg sync.WaitGroup
	for i, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = queryOne(ctx, s, adjust)
		}()
	}
	wg.Wait()
	return out
}

// queryOne asks one server and validates the answer.
func queryOne(ctx context.Context, server string, adjust time.Duration) ServerResult {
	res := ServerResult{Server: server}
	resp, err := query(ctx, server)
	if err != nil {
		res.Err = err.Error()
		if context.Cause(ctx) == errDateAnswered {
			res.Err = fmt.Sprintf("ntp %s: %v", server, errDateAnswered)
		}
		return res
	}
	res.RTT = resp.RTT
	res.Stratum = int(resp.Stratum)
	res.Offset = resp.ClockOffset + adjust
	res.Uncertainty = resp.RootDistance
	if err := validate(resp); err != nil {
		res.Err = fmt.Sprintf("ntp %s: %v", server, err)
	}
	return res
}

// query runs one SNTP exchange bounded by ctx: the timeout comes from the
// deadline and cancellation closes the socket.
func query(ctx context.Context, server string) (*ntp.Response, error) {
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(NTPWait)
	}
	timeout := time.Until(deadline)
	if timeout <= 0 {
		return nil, fmt.Errorf("ntp %s: %w", server, context.DeadlineExceeded)
	}
	var (
		mu   sync.Mutex
		conn net.Conn
	)
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if conn != nil {
			_ = conn.Close()
		}
	})
	defer stop()
	resp, err := ntp.QueryWithOptions(server, ntp.QueryOptions{
		Timeout: timeout,
		Dialer: func(_, remote string) (net.Conn, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, "udp", remote)
			if err != nil {
				return nil, err
			}
			mu.Lock()
			defer mu.Unlock()
			conn = c
			if ctx.Err() != nil {
				_ = c.Close()
				return nil, ctx.Err()
			}
			return c, nil
		},
	})
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return nil, fmt.Errorf("ntp %s: %w", server, err)
	}
	return resp, nil
}

// validate rejects answers that must not be used as a time reference:
// the library's checks (kiss-of-death, stratum, leap "not in sync",
// stale reference, dispersion) plus round-trip sanity.
func validate(resp *ntp.Response) error {
	if err := resp.Validate(); err != nil {
		return err
	}
	if resp.RTT < 0 {
		return fmt.Errorf("negative round trip %v", resp.RTT)
	}
	if resp.RTT > maxRTT {
		return fmt.Errorf("round trip %v exceeds %v", resp.RTT, maxRTT)
	}
	return nil
}
