// Command tlsfaults starts every tlslab scenario on 127.0.0.1 for the
// end-to-end tests of the built binary. It writes the lab's root to the
// -roots file, then prints one line per scenario, "name host:port" (host
// is tlslab.DefaultHost; connect it to 127.0.0.1 with --resolve), and
// serves until it is interrupted or killed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

func main() {
	roots := flag.String("roots", "", "write the lab's root certificate (PEM) to this file")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *roots, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tlsfaults:", err)
		os.Exit(1)
	}
}

// run starts the servers, reports them on w and serves until ctx ends.
func run(ctx context.Context, rootsPath string, w io.Writer) error {
	if rootsPath == "" {
		return fmt.Errorf("-roots is required")
	}
	lab, err := tlslab.Open()
	if err != nil {
		return err
	}
	defer lab.Close()
	if err := lab.WriteRootPEM(rootsPath); err != nil {
		return err
	}
	var servers []*tlslab.Server
	for _, s := range tlslab.Scenarios {
		srv, err := lab.Start(s)
		if err != nil {
			return err
		}
		servers = append(servers, srv)
	}
	for _, srv := range servers {
		if _, err := fmt.Fprintf(w, "%s %s\n", srv.Scenario, srv.HostPort()); err != nil {
			return fmt.Errorf("report servers: %w", err)
		}
	}
	<-ctx.Done()
	return nil
}
