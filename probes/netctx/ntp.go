package netctx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/beevik/ntp"
)

// maxNTPServers bounds how many configured servers are queried.
const maxNTPServers = 4

// linuxSystemNTP reads the Linux time daemon configuration: chrony first,
// then systemd-timesyncd, then ntpd's /etc/ntp.conf.
func linuxSystemNTP(cfg *Config) SystemNTP {
	fsys := cfg.fsys()
	if c, ok := readChrony(fsys); ok {
		return fromConfig(c, "chrony")
	}
	if c, fallback, ok := readTimesyncd(fsys); ok {
		n := fromConfig(c, "systemd-timesyncd")
		if fallback && len(c.Servers) > 0 {
			n.Source += " (FallbackNTP; servers from DHCP, if any, come first)"
		}
		if len(c.Servers) == 0 && len(c.Problems) == 0 {
			n.Err = "systemd-timesyncd uses its built-in servers or ones from DHCP; none are configured in its files"
		}
		return n
	}
	if c, ok := readNTPConf(fsys, "etc/ntp.conf"); ok {
		return fromConfig(c, "ntpd")
	}
	return SystemNTP{Err: "no time daemon configuration found (chrony, systemd-timesyncd, ntpd)"}
}

// fromConfig turns a parsed configuration into SystemNTP; any problem
// with no server found leaves the setting unknown, with the reason.
func fromConfig(c ntpConfig, daemon string) SystemNTP {
	n := SystemNTP{Servers: c.Servers, Source: daemon}
	if len(c.Files) > 0 {
		n.Source += ": " + strings.Join(c.Files, ", ")
	}
	switch {
	case len(c.Problems) > 0 && len(c.Servers) == 0:
		n.Err = strings.Join(c.Problems, "; ")
	case len(c.Problems) > 0:
		n.Err = "some lines were not understood: " + strings.Join(c.Problems, "; ")
	case len(c.Servers) == 0:
		n.Err = daemon + " has no server configured"
	}
	return n
}

// queryServers asks the configured servers concurrently and fills
// Reachable and Answered. Reachable stays nil when there is no server.
func queryServers(ctx context.Context, cfg *Config, n *SystemNTP) {
	servers := n.Servers
	if len(servers) == 0 {
		return
	}
	if len(servers) > maxNTPServers {
		servers = servers[:maxNTPServers]
	}
	query := cfg.NTPQuery
	if query == nil {
		query = func(ctx context.Context, server string) error { return sntpQuery(ctx, server) }
	}
	errs := make([]error, len(servers))
	var wg sync.WaitGroup
	for i, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			qctx, cancel := context.WithTimeout(ctx, dur(cfg.NTPTimeout, DefaultNTPTimeout))
			defer cancel()
			errs[i] = query(qctx, s)
		}()
	}
	wg.Wait()
	var failed []string
	for i, err := range errs {
		if err == nil {
			n.Answered = append(n.Answered, servers[i])
		} else {
			failed = append(failed, fmt.Sprintf("%s: %v", servers[i], err))
		}
	}
	n.Reachable = boolPtr(len(n.Answered) > 0)
	if len(n.Answered) == 0 {
		msg := strings.Join(failed, "; ")
		if n.Err != "" {
			msg = n.Err + "; " + msg
		}
		n.Err = msg
	}
}

// sntpQuery sends one SNTP request to server and waits for an answer
// within the context's deadline.
func sntpQuery(ctx context.Context, server string) error {
	timeout := DefaultNTPTimeout
	if dl, ok := ctx.Deadline(); ok {
		timeout = time.Until(dl)
	}
	if timeout <= 0 {
		return context.DeadlineExceeded
	}
	done := make(chan error, 1)
	go func() {
		_, err := ntp.QueryWithOptions(server, ntp.QueryOptions{
			Timeout: timeout,
			Dialer: func(laddr, raddr string) (net.Conn, error) {
				var d net.Dialer
				return d.DialContext(ctx, "udp", raddr)
			},
		})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return fmt.Errorf("no answer: %w", context.DeadlineExceeded)
			}
			return fmt.Errorf("ntp query: %w", err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("no answer: %w", ctx.Err())
	}
}
