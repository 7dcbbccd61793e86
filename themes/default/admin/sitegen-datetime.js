// Dates and times on the admin page as Vietnamese write them, 20/11/2026 09:30, whatever the
// browser's language: Decap's own date widget is the browser's date box, which a browser in
// English shows as "11/20/2026, 09:30 AM" (and a date of 12/07 reads as July or December).
//
// This widget takes the place of Decap's 'datetime' (config.yml keeps naming it, with the
// format the file is written in: outputs/cms.py): a text box showing DD/MM/YYYY HH:mm (a date
// alone when the field's time_format is false), a calendar button opening the browser's picker,
// "Bây giờ" (or "Hôm nay") and "Xóa". It reads what editors write by hand too (27/06/2019 17:00,
// 2019-06-27 17:00, 27-6-2019, 9h30) and writes the file's format (2019-06-27 17:00). "Now" is
// Vietnam's time, whatever the zone of the editor's computer. No Date object is asked for a
// wall-clock time: what the editor typed is what the file holds, and what the build reads.
(function () {
  'use strict';
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  if (!CMS || !h || !createClass) return;

  var VIETNAM = 7 * 3600 * 1000;
  var two = function (n) { return (n < 10 ? '0' : '') + n; };
  var daysIn = function (year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); };

  // {year, month, day, hour, minute} from what an editor or a file wrote, or null.
  var read = function (text) {
    var value = String(text == null ? '' : text).trim();
    var found = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2})[:h](\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i
      .exec(value);
    var when;
    if (found) {
      when = { year: +found[1], month: +found[2], day: +found[3], hour: found[4], minute: found[5] };
    } else {
      found = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,]+(?:lúc\s+)?(\d{1,2})(?:[:h](\d{2})?)?)?$/i.exec(value);
      if (!found) return null;
      when = { year: +found[3], month: +found[2], day: +found[1], hour: found[4], minute: found[5] };
    }
    var timed = when.hour !== undefined;
    when.hour = timed ? +when.hour : 0;
    when.minute = timed && when.minute !== undefined ? +when.minute : 0;
    when.timed = timed;
    if (when.month < 1 || when.month > 12 || when.day < 1 || when.day > daysIn(when.year, when.month) ||
        when.hour > 23 || when.minute > 59) return null;
    return when;
  };
  var format = function (when, pattern) {
    return pattern.replace(/YYYY|MM|DD|HH|mm/g, function (token) {
      return { YYYY: String(when.year), MM: two(when.month), DD: two(when.day), HH: two(when.hour),
        mm: two(when.minute) }[token];
    });
  };
  var now = function () {
    var d = new Date(Date.now() + VIETNAM);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
      minute: d.getUTCMinutes(), timed: true };
  };
  var dateOnly = function (field) { return field.get('time_format') === false; };
  var stored = function (field) {
    var pattern = field.get('format');
    return typeof pattern === 'string' ? pattern : (dateOnly(field) ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm');
  };
  // A date written without a time, even in a date-time field, stays a date (the build reads it so).
  var patterns = function (when, field) {
    var timed = when.timed && !dateOnly(field);
    return { shown: timed ? 'DD/MM/YYYY HH:mm' : 'DD/MM/YYYY',
      stored: timed ? stored(field) : stored(field).split(' ')[0] };
  };
  var asShown = function (value, field) {
    var when = read(value);
    return when ? format(when, patterns(when, field).shown) : String(value || '');
  };

  var button = function (label, onClick, extra) {
    var props = { type: 'button', className: 'sitegen-date-button', onClick: onClick };
    Object.keys(extra || {}).forEach(function (key) { props[key] = extra[key]; });
    return h('button', props, label);
  };

  var Control = createClass({
    getInitialState: function () {
      return { text: this.props.value === '{{now}}' ? '' : asShown(this.props.value, this.props.field) };
    },
    componentDidMount: function () {
      if (this.props.value === '{{now}}') this.set(now());  // a new file's date: now, in Vietnam
    },
    componentDidUpdate: function (before) {
      // Changed from outside the box (a new entry, a copy): show it; not while the editor types.
      var value = this.props.value;
      if (value !== before.value && value !== this.written && value !== '{{now}}') {
        this.setState({ text: asShown(value, this.props.field) });
      }
    },
    set: function (when) {
      var field = this.props.field;
      this.setState({ text: when ? format(when, patterns(when, field).shown) : '' });
      this.write(when ? format(when, patterns(when, field).stored) : '');
    },
    write: function (value) {
      this.written = value;
      this.props.onChange(value);
    },
    typed: function (event) {
      var text = event.target.value;
      var when = read(text);
      this.setState({ text: text });
      if (!text.trim()) this.write('');
      else if (when) this.write(format(when, patterns(when, this.props.field).stored));
    },
    left: function () {  // written as it will be shown next time: 20/11/2026 7:05 -> 20/11/2026 07:05
      var when = read(this.state.text);
      if (when) this.setState({ text: format(when, patterns(when, this.props.field).shown) });
      this.props.setInactiveStyle();
    },
    picked: function (event) {
      var when = read(event.target.value);
      if (when) this.set(when);
    },
    openPicker: function () {
      var picker = this.picker;
      if (!picker) return;
      var when = read(this.props.value);
      picker.value = when ? format(when, dateOnly(this.props.field) ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm') : '';
      if (typeof picker.showPicker === 'function') {
        try { picker.showPicker(); return; } catch (error) { /* not allowed here: focus it instead */ }
      }
      picker.focus();
      picker.click();
    },
    isValid: function () {
      var text = this.state.text.trim();
      if (!text || read(text)) return { error: false };
      var example = dateOnly(this.props.field) ? '20/11/2026' : '20/11/2026 09:30';
      return { error: { type: 'CUSTOM', message: this.props.field.get('label') +
        ': chưa đúng ngày giờ, hãy viết theo kiểu ' + example + '.' } };
    },
    render: function () {
      var self = this;
      var field = this.props.field;
      var day = dateOnly(field);
      return h('div', { className: this.props.classNameWrapper + ' sitegen-date' },
        h('input', {
          id: this.props.forID, type: 'text', value: this.state.text, onChange: this.typed,
          onFocus: this.props.setActiveStyle, onBlur: this.left, disabled: this.props.isDisabled,
          placeholder: day ? 'ngày/tháng/năm' : 'ngày/tháng/năm giờ:phút', autoComplete: 'off',
          inputMode: 'text', className: 'sitegen-date-text', 'aria-describedby': this.props.forID + '-kieu',
        }),
        h('span', { id: this.props.forID + '-kieu', className: 'sitegen-date-format' },
          day ? 'Ví dụ 20/11/2026' : 'Ví dụ 20/11/2026 09:30 (giờ Việt Nam)'),
        this.props.isDisabled ? null : h('span', { className: 'sitegen-date-buttons' },
          h('span', { className: 'sitegen-date-calendar' },
            button('Lịch', this.openPicker, { 'aria-label': 'Chọn ' + field.get('label') + ' trên lịch' }),
            h('input', {
              type: day ? 'date' : 'datetime-local', tabIndex: -1, 'aria-hidden': 'true',
              className: 'sitegen-date-picker', onChange: this.picked,
              ref: function (node) { self.picker = node; },
            })),
          button(day ? 'Hôm nay' : 'Bây giờ', function () {
            var when = now();
            if (day) when.hour = when.minute = 0;
            self.set(when);
          }, { 'aria-label': 'Đặt ' + field.get('label') + (day ? ' là hôm nay' : ' là bây giờ') }),
          button('Xóa', function () { self.set(null); }, { 'aria-label': 'Xóa ' + field.get('label') })));
    },
  });

  var Preview = createClass({
    render: function () {
      return h('p', null, this.props.value ? asShown(this.props.value, this.props.field) : '');
    },
  });

  var decap = CMS.getWidget('datetime');  // its options (format, time_format ...) stay valid
  CMS.registerWidget('datetime', Control, Preview, (decap && decap.schema) || {});
  window.sitegenDates = { read: read, format: format };  // for the lists' dates (sitegen-cms.js)
})();
