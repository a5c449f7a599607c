package wizard

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/sanitize"
	"github.com/certwiz/certwiz/steps"
)

// maxLine bounds one line of input in plain mode.
const maxLine = 4096

// RunPlain is the line-by-line wizard for screen readers, pipes and dumb
// terminals: each screen is printed as text with numbered choices, one
// answer is read per line, and no escape sequence is ever written. It
// walks the same tree with the same text as the TUI. End of input quits
// cleanly.
func RunPlain(ctx context.Context, opts Options, in io.Reader, out io.Writer) error {
	if opts.Engine == nil {
		return errors.New("wizard: no engine to run the checks")
	}
	p := &plain{
		opts:  opts,
		lang:  opts.lang(),
		s:     steps.New(opts.Hosts),
		w:     out,
		lines: readLines(ctx, in),
	}
	return p.run(ctx)
}

type plain struct {
	opts  Options
	lang  content.Lang
	s     steps.State
	w     io.Writer
	lines <-chan string
	err   error // first write error
	// streamed is set when target results were just printed as they
	// arrived, so the screen does not read them out a second time.
	streamed bool
	saves    int // reports saved (Options.MaxSaves)
}

// readLines delivers in's lines until EOF (then closes the channel);
// ctx's end stops it early.
func readLines(ctx context.Context, in io.Reader) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 0, 256), maxLine)
		for sc.Scan() {
			select {
			case ch <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

func (p *plain) printf(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}

func (p *plain) run(ctx context.Context) error {
	p.printf("%s\n", content.Msg(p.lang, "ui.title", nil))
	show := true
	for {
		if show {
			p.screen()
		}
		if p.s.Screen != steps.ScreenRoomDomain {
			p.printf("%s\n", content.Msg(p.lang, "ui.plain.choose", nil))
		}
		p.printf("> ")
		if p.err != nil {
			return fmt.Errorf("plain wizard: %w", p.err)
		}
		var answer string
		var ok bool
		select {
		case answer, ok = <-p.lines:
		case <-ctx.Done():
			p.printf("\n")
			return nil
		}
		if !ok { // end of input: leave quietly
			p.printf("\n")
			return p.err
		}
		var quit bool
		show, quit = p.answer(ctx, strings.TrimSpace(answer))
		if quit {
			return p.err
		}
	}
}

// answer acts on one line of input; it reports whether to print the
// screen again and whether to quit.
func (p *plain) answer(ctx context.Context, a string) (show, quit bool) {
	switch strings.ToLower(a) {
	case "q", "quit", "exit":
		return false, true
	case "b", "back":
		p.step(ctx, steps.Back{})
		return true, false
	case "l", "lang", "language":
		p.lang = nextLang(p.lang)
		return true, false
	case "?", "h", "help":
		p.printf("\n%s\n\n", strings.Join(plainMarkdown(content.Page(p.lang, "help-plain", nil)), "\n"))
		return false, false
	}
	if p.s.Screen == steps.ScreenRoomDomain {
		if a != "" && steps.NormalizeDomain(a) == "" {
			p.printf("%s\n", content.Msg(p.lang, "ui.domain.invalid", nil))
			return false, false
		}
		p.step(ctx, steps.EnterDomain{Domain: a})
		return true, false
	}
	opts := options(p.lang, p.s, false)
	i, ok := p.pick(a, opts)
	if !ok {
		p.printf("%s\n", content.Msg(p.lang, "ui.plain.invalid", nil))
		return false, false
	}
	if opts[i].action == actSave {
		if p.opts.NoFiles {
			showReportPlain(p.w, p.opts, p.lang, p.s)
			return false, false
		}
		var paths []string
		err := saveLimitError(p.opts, p.lang)
		if p.opts.MaxSaves <= 0 || p.saves < p.opts.MaxSaves {
			p.saves++
			paths, err = saveReport(p.opts.Engine, p.lang, p.s, p.opts.ReportDir, time.Now(), p.opts.UniqueNames)
		}
		if err != nil {
			p.printf("%s\n", content.Msg(p.lang, "ui.save-failed", map[string]string{"error": sanitize.Text(err.Error())}))
		}
		if len(paths) > 0 {
			p.printf("%s\n", content.Msg(p.lang, "ui.saved", map[string]string{"path": sanitize.Text(strings.Join(paths, ", "))}))
		}
		return false, false
	}
	p.step(ctx, steps.Choose{Choice: opts[i].choice})
	return true, false
}

// pick maps an answer to an option: its key as shown (the number, or on
// the code screen the code itself, "100"); Enter alone when there is one
// option.
func (p *plain) pick(a string, opts []option) (int, bool) {
	if a == "" {
		return 0, len(opts) == 1
	}
	if n, err := strconv.Atoi(a); err == nil {
		a = strconv.Itoa(n) // "007" is 7
	}
	if _, exact := keyMatches(opts, a); exact >= 0 {
		return exact, true
	}
	return 0, false
}

// step applies ev and runs the probes it starts, printing each result as
// it arrives, until they all finish (each engine call has its deadline).
func (p *plain) step(ctx context.Context, ev steps.Event) {
	prev := p.s
	p.s = steps.Next(prev, ev)
	started := steps.Started(prev, p.s)
	if len(started) == 0 {
		return
	}
	beginGroups(p.opts.Engine, started)
	events := make(chan steps.Event)
	var wg sync.WaitGroup
	hosts := p.s.TargetHosts // read here: the loop below replaces p.s
	for _, pr := range started {
		id := p.s.Run(pr).ID
		p.printLine(running(p.lang, string(pr)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			send := func(e steps.Event) {
				select {
				case events <- e:
				case <-ctx.Done():
				}
			}
			eng := p.opts.Engine
			switch pr {
			case steps.ProbeClock:
				send(steps.ClockResult{Run: id, Facts: eng.Clock(ctx)})
			case steps.ProbeNetwork:
				send(steps.NetworkResult{Run: id, Facts: eng.Network(ctx)})
			case steps.ProbeTargets:
				var mu sync.Mutex // each may be called concurrently
				eng.Targets(ctx, hosts, func(t steps.TargetFacts) {
					mu.Lock()
					defer mu.Unlock()
					send(steps.TargetResult{Run: id, Facts: t})
				})
				send(steps.TargetsDone{Run: id})
			}
		}()
	}
	go func() { wg.Wait(); close(events) }()
	for e := range events {
		if t, ok := e.(steps.TargetResult); ok {
			p.streamed = true
			for _, l := range targetLine(p.lang, t.Facts) {
				p.printLine(l)
			}
		}
		p.s = steps.Next(p.s, e)
	}
}

// screen prints the current screen: verdict, page, details, choices.
func (p *plain) screen() {
	p.printf("\n")
	if hl := headLines(p.lang, p.s); len(hl) > 0 {
		for _, l := range hl {
			p.printLine(l)
		}
		p.printf("\n")
	}
	p.printf("%s\n", strings.Join(plainMarkdown(pageBody(p.lang, p.s)), "\n"))
	ls := detailLines(p.lang, p.s)
	if p.streamed && p.s.Screen == steps.ScreenCertCheck {
		ls = agreeLines(p.lang, p.s)
	}
	p.streamed = false
	if len(ls) > 0 {
		p.printf("\n")
		for _, l := range ls {
			p.printLine(l)
		}
	}
	p.printf("\n")
	if p.s.Screen != steps.ScreenRoomDomain {
		for _, o := range options(p.lang, p.s, false) {
			p.printf("%s. %s\n", o.key, o.label)
		}
	}
	p.printf("%s\n", content.Msg(p.lang, "ui.plain.keys", nil))
}

func (p *plain) printLine(l line) {
	switch {
	case l.heading:
		p.printf("\n%s\n", l.text)
	case l.mark == markRunning:
		p.printf("%s %s\n", l.mark.symbol(), l.text)
	case l.mark != markNone:
		p.printf("%s %s: %s\n", l.mark.symbol(), l.mark.word(p.lang), l.text)
	case l.indent:
		p.printf("    %s\n", l.text)
	default:
		p.printf("%s\n", l.text)
	}
}
