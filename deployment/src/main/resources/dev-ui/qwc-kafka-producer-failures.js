import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { pageStyles } from './qwc-kafka-producer-styles.js';

/** The last 100 failures reported to the error loggers: when, which producer, where and why, never a key or value. */
export class QwcKafkaProducerFailures extends LitElement {
    jsonRpc = new JsonRpc(this);
    static styles = pageStyles;
    static properties = { _failures: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.getFailures().then(response => this._failures = response.result);
    }

    render() {
        if (!this._failures) {
            return html`<p class="muted">Loading…</p>`;
        }
        return html`<button class="secondary" @click=${this._refresh}>Refresh</button>
            ${this._failures.length === 0 ? html`<p class="muted">No failure so far.</p>` : html`
            <table id="failures">
                <tr><th>Time</th><th>Producer</th><th>Topic</th><th class="number">Partition</th><th>Cause</th></tr>
                ${this._failures.map(f => html`<tr>
                    <td>${f.time}</td><td>${f.producer}</td><td>${f.topic}</td>
                    <td class="number">${f.partition < 0 ? '–' : f.partition}</td>
                    <td class="error">${f.cause}${f.retriable ? html` <span class="muted">(retriable)</span>` : ''}</td>
                </tr>`)}
            </table>`}`;
    }
}
customElements.define('qwc-kafka-producer-failures', QwcKafkaProducerFailures);
