import { LitElement, html, svg } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { pageStyles } from './qwc-kafka-producer-styles.js';

/** Live figures, refreshed every second by a JSON-RPC stream, with a chart of the last five minutes. */
export class QwcKafkaProducerLive extends LitElement {
    jsonRpc = new JsonRpc(this);
    static styles = pageStyles;
    static properties = { _live: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this._stream = this.jsonRpc.streamLive().onNext(response => this._live = response.result);
    }

    disconnectedCallback() {
        if (this._stream) {
            this._stream.cancel();
        }
        super.disconnectedCallback();
    }

    render() {
        if (!this._live) {
            return html`<p class="muted">Waiting for the first figures…</p>`;
        }
        if (this._live.length === 0) {
            return html`<p class="muted">No producer has sent a record yet.</p>`;
        }
        return html`<table id="live">
            <tr><th>Producer</th><th class="number">Delivered</th><th class="number">Failed</th>
                <th class="number">Delivered/s</th><th class="number">Failed/s</th><th class="number">p50 ms</th>
                <th class="number">p99 ms</th><th class="number">KiB/s</th><th class="number">Queued</th>
                <th>Delivered/s, last minutes</th></tr>
            ${this._live.map(p => this._row(p))}
        </table>`;
    }

    _row(p) {
        const last = p.seconds.length ? p.seconds[p.seconds.length - 1] : null;
        return html`<tr class="producer" data-producer="${p.producer}">
            <td><b>${p.producer}</b></td>
            <td class="number delivered">${p.delivered}</td>
            <td class="number failed">${p.failed}</td>
            <td class="number">${last ? last.delivered : 0}</td>
            <td class="number">${last ? last.failed : 0}</td>
            <td class="number">${this._millis(last?.p50Millis)}</td>
            <td class="number">${this._millis(last?.p99Millis)}</td>
            <td class="number">${last ? (last.bytes / 1024).toFixed(1) : '0.0'}</td>
            <td class="number">${p.queued}</td>
            <td>${this._chart(p.seconds)}</td>
        </tr>`;
    }

    _millis(value) {
        return value === null || value === undefined ? '–' : value.toFixed(1);
    }

    _chart(seconds) {
        const width = 300, height = 40;
        const max = Math.max(1, ...seconds.map(s => s.delivered + s.failed));
        const x = i => (i / 299) * width;
        const y = v => height - (v / max) * (height - 2) - 1;
        const line = key => seconds.map((s, i) => `${x(300 - seconds.length + i)},${y(s[key])}`).join(' ');
        return html`<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
            ${svg`<polyline fill="none" stroke="var(--lumo-primary-color)" stroke-width="1.5" points="${line('delivered')}"></polyline>
                  <polyline fill="none" stroke="var(--lumo-error-color)" stroke-width="1.5" points="${line('failed')}"></polyline>`}
        </svg>`;
    }
}
customElements.define('qwc-kafka-producer-live', QwcKafkaProducerLive);
