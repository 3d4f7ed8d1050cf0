import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { pageStyles } from './qwc-kafka-producer-styles.js';

/** Sends one record through a chosen producer, converted with its own serializers, and shows the delivery report. */
export class QwcKafkaProducerSend extends LitElement {
    jsonRpc = new JsonRpc(this);
    static styles = pageStyles;
    static properties = { _producers: { state: true }, _selected: { state: true }, _shape: { state: true },
        _answer: { state: true }, _sending: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getProducers().then(response => {
            this._producers = response.result.filter(p => p.type !== 'transactional' && p.types.length > 0);
            if (this._producers.length) {
                this._select(this._producers[0].id);
            }
        });
    }

    render() {
        if (!this._producers) {
            return html`<p class="muted">Loading the producers…</p>`;
        }
        if (this._producers.length === 0) {
            return html`<p class="muted">The application injects no sync, async or reactive producer.</p>`;
        }
        return html`
            <label for="producer">Producer</label>
            <select id="producer" @change=${e => this._select(e.target.value)}>
                ${this._producers.map(p => html`<option value="${p.id}" ?selected=${p.id === this._selected}>${p.id}</option>`)}
            </select>
            ${this._shape ? html`<div class="muted" id="shape">Key: <code>${this._shape.keyType}</code>, value:
                <code>${this._shape.valueType}</code>${this._shape.valueShape
                    ? html`, as JSON: <code>${this._shape.valueShape}</code>` : ''}</div>` : ''}
            <label for="topic">Topic</label><input id="topic" placeholder="orders">
            <label for="key">Key (empty: none)</label><input id="key">
            <label for="value">Value</label><textarea id="value"></textarea>
            <label for="headers">Headers, one <code>name: value</code> per line</label><textarea id="headers"></textarea>
            <div><button id="send" ?disabled=${this._sending} @click=${this._send}>Send</button></div>
            ${this._answer ? this._renderAnswer() : ''}`;
    }

    _renderAnswer() {
        const a = this._answer;
        if (a.delivered) {
            return html`<div class="answer success" id="answer">Delivered to <b>${a.topic}</b>, partition
                <b class="partition">${a.partition}</b>, offset <b class="offset">${a.offset}</b>, at ${a.timestamp}</div>`;
        }
        return html`<div class="answer error" id="answer">Not sent: ${a.error}</div>`;
    }

    _select(id) {
        this._selected = id;
        this._shape = null;
        this.jsonRpc.getShape({ producer: id }).then(response => this._shape = response.result);
    }

    _send() {
        const field = id => this.renderRoot.querySelector('#' + id).value;
        this._sending = true;
        this._answer = null;
        this.jsonRpc.send({ producer: this._selected, topic: field('topic'), key: field('key'), value: field('value'),
                headers: field('headers') })
            .then(response => this._answer = response.result)
            .catch(error => this._answer = { delivered: false, error: error.error?.message ?? String(error) })
            .finally(() => this._sending = false);
    }
}
customElements.define('qwc-kafka-producer-send', QwcKafkaProducerSend);
