// Command bareclient makes one plain crypto/tls handshake to each loopback
// address on its command line, all at once, and exits: no verification,
// nothing judged, nothing printed. BenchmarkFleet100Targets runs it beside
// certwiz over the same lab as the floor any Go TLS client meets there,
// on the same machine at the same moment.
//
//	bareclient -servername zoom.test 127.0.0.1:40001 127.0.0.1:40002 ...
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
)

// deadline bounds all the handshakes together.
const deadline = 10 * time.Second

func main() {
	name := flag.String("servername", "", "the name to send in SNI")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	if err := run(ctx, *name, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "bareclient:", err)
		os.Exit(1)
	}
}

// run handshakes with every address at once and returns the first error.
func run(ctx context.Context, serverName string, addrs []string) error {
	if len(addrs) == 0 {
		return errors.New("no address given")
	}
	for _, a := range addrs {
		if err := faultlab.LoopbackAddr(a); err != nil {
			return err
		}
	}
	errs := make([]error, len(addrs))
	var wg sync.WaitGroup
	for i, a := range addrs {
		wg.Go(func() {
			d := tls.Dialer{Config: &tls.Config{ServerName: serverName, InsecureSkipVerify: true}} // the floor: nothing verified
			c, err := d.DialContext(ctx, "tcp", a)
			if err != nil {
				errs[i] = fmt.Errorf("handshake with %s: %w", a, err)
				return
			}
			_ = c.Close()
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
