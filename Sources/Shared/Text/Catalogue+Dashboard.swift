/// The dashboard's (`seratui`) text.
extension Catalogue {
  public enum Dashboard {
    static func t(_ english: String, _ ukrainian: String) -> String {
      Catalogue.pick(english, ukrainian)
    }

    public static var appName: String { "Sera" }
    public static var health: String { t("Health", "Стан") }
    public static var ops: String { t("Ops", "Операції") }
    public static var drafts: String { t("Drafts", "Чернетки") }
    public static var detail: String { t("Detail", "Деталі") }
    public static var queue: String { t("Dead tasks", "Мертві задачі") }
    public static var up: String { t("UP", "ПРАЦЮЄ") }
    public static var down: String { t("DOWN", "ЛЕЖИТЬ") }
    public static var unknown: String { t("UNKNOWN", "НЕВІДОМО") }
    public static var alert: String { t("ALERT", "ТРИВОГА") }
    public static var noDrafts: String {
      t("no drafts yet: press n to ask for one", "чернеток ще немає: n — замовити")
    }
    public static var noMatch: String {
      t("no draft matches the filter; Esc clears it", "жодна чернетка не підходить; Esc — скинути")
    }
    public static var noSelection: String {
      t("select a draft to see it here", "виберіть чернетку, щоб побачити її тут")
    }
    public static var loading: String { t("loading…", "завантаження…") }
    public static var hiddenBadge: String {
      t("[hidden/bidi characters present]", "[є приховані/bidi символи]")
    }
    public static var textHeading: String { t("Text", "Текст") }
    public static var sourcesHeading: String { t("Sources", "Джерела") }
    public static var historyHeading: String { t("History", "Історія") }
    public static var noText: String { t("(no text yet)", "(тексту ще немає)") }
    public static var roleUnknown: String { t("role ?", "роль ?") }
    public static var readOnlyTag: String { t("READ-ONLY", "ЛИШЕ ЧИТАННЯ") }
    public static var neverUpdated: String { t("not updated yet", "ще не оновлено") }
    public static var backendDownReason: String {
      t("backend not answering", "бекенд не відповідає")
    }
    public static var probeSkipped: String {
      t("not checked (backend down)", "не перевірено (бекенд лежить)")
    }
    public static var refreshing: String { t("refreshing…", "оновлення…") }
    public static var ready: String { t("ready", "готово") }
    public static var noAlerts: String { t("no alerts", "тривог немає") }
    public static var asciiWarning: String {
      t("terminal is not UTF-8: plain ASCII glyphs", "термінал не UTF-8: прості ASCII-символи")
    }
    public static var lengthOver: String { t("OVER LIMIT", "ЗАДОВГО") }
    public static var xApproximate: String {
      t("(X counted as code points)", "(X рахується кодовими точками)")
    }
    public static var factCheck: String { t("Fact check", "Перевірка фактів") }
    public static var problem: String { t("Problem", "Проблема") }
    public static var error: String { t("Error", "Помилка") }
    public static var topic: String { t("Topic", "Тема") }
    public static var scheduledFor: String { t("Scheduled for", "Заплановано на") }
    public static var noDeadTasks: String { t("no dead tasks", "мертвих задач немає") }
    public static var asciiGlyphs: String {
      t(
        "ASCII glyphs: locale or terminal is not UTF-8 (set LANG=C.UTF-8 for lines and sparklines)",
        "ASCII-символи: локаль або термінал не UTF-8 (LANG=C.UTF-8 дасть лінії та графіки)")
    }

    public static func unknownTerminal(_ term: String) -> String {
      let shown = term.isEmpty ? t("(unset)", "(не задано)") : term
      return t(
        "seratui: cannot use terminal type '\(shown)' (no terminfo entry); "
          + "run with TERM=xterm-256color (or install ncurses-term)",
        "seratui: невідомий тип термінала '\(shown)' (немає terminfo); "
          + "запустіть з TERM=xterm-256color (або встановіть ncurses-term)")
    }
    public static func updated(secondsAgo: Int) -> String {
      t("updated \(secondsAgo)s ago", "оновлено \(secondsAgo) с тому")
    }
    public static func role(_ role: Role) -> String { t("role ", "роль ") + role.rawValue }
    public static func tooSmall(needWidth: Int, needHeight: Int, width: Int, height: Int)
      -> String
    {
      t("terminal too small: need ", "термінал замалий: треба ")
        + "\(needWidth)x\(needHeight), " + t("have ", "є ") + "\(width)x\(height)"
    }
    public static func stale(since: String?) -> String {
      since.map { t("STALE since ", "ЗАСТАРІЛО з ") + $0 }
        ?? t("STALE (never loaded)", "ЗАСТАРІЛО (не завантажено)")
    }
    public static func latency(_ ms: Double) -> String {
      (ms < 10 ? Catalogue.oneDecimal(ms) : "\(Int(ms))") + t(" ms", " мс")
    }
    public static func filter(_ status: String?, search: String) -> String {
      var parts: [String] = []
      if let status { parts.append(t("status=", "статус=") + status) }
      if !search.isEmpty { parts.append("/" + search) }
      return parts.joined(separator: " ")
    }
    public static func length(used: Int, limit: Int, platform: String) -> String {
      t("Length ", "Довжина ") + platform + " \(used)/\(limit)"
    }
  }
}

extension Catalogue.Dashboard {
  /// Labels and help sentences of the key registry.
  public enum Keys {
    static func t(_ english: String, _ ukrainian: String) -> String {
      Catalogue.pick(english, ukrainian)
    }
    public static var down: String { t("down", "вниз") }
    public static var downHelp: String {
      t("Select the next draft (or scroll the detail pane).", "Наступна чернетка (або прокрутка).")
    }
    public static var up: String { t("up", "вгору") }
    public static var upHelp: String {
      t("Select the previous draft (or scroll the detail pane).", "Попередня чернетка (прокрутка).")
    }
    public static var page: String { t("page", "сторінка") }
    public static var pageHelp: String { t("Move ten rows.", "На десять рядків.") }
    public static var ends: String { t("ends", "краї") }
    public static var endsHelp: String { t("First or last draft.", "Перша або остання чернетка.") }
    public static var next: String { t("next", "наступна") }
    public static var nextHelp: String {
      t("Next/previous draft, keeping the detail open.", "Наступна/попередня, деталі лишаються.")
    }
    public static var pane: String { t("pane", "панель") }
    public static var paneHelp: String {
      t("Switch between the draft list and the detail.", "Перемкнути список і деталі.")
    }
    public static var view: String { t("ops", "операції") }
    public static var viewHelp: String {
      t("Switch between the review and the ops view.", "Перемкнути рецензію й операції.")
    }
    public static var back: String { t("back", "назад") }
    public static var backHelp: String {
      t("Back: clear the search and filter, leave the ops view.", "Назад: скинути пошук і фільтр.")
    }
    public static var search: String { t("search", "пошук") }
    public static var searchHelp: String {
      t("Search drafts by topic and text.", "Шукати чернетки за темою й текстом.")
    }
    public static var filter: String { t("filter", "фільтр") }
    public static var filterHelp: String {
      t("Show only one status (cycles).", "Лише один статус (по колу).")
    }
    public static var new: String { t("new", "нова") }
    public static var newHelp: String {
      t("Ask for a new draft: topic, platform, source URL.", "Нова чернетка: тема, платформа, URL.")
    }
    public static var approve: String { t("approve", "схвалити") }
    public static var approveHelp: String {
      t("Approve the selected generated draft.", "Схвалити вибрану згенеровану чернетку.")
    }
    public static var reject: String { t("reject", "відхилити") }
    public static var rejectHelp: String {
      t("Reject the selected draft with a reason.", "Відхилити чернетку з причиною.")
    }
    public static var edit: String { t("edit", "правити") }
    public static var editHelp: String {
      t("Edit the text in $EDITOR; it is validated again.", "Правити текст у $EDITOR.")
    }
    public static var regenerate: String { t("rewrite", "переписати") }
    public static var regenerateHelp: String {
      t("Generate again with a note for the writer.", "Згенерувати знову з приміткою.")
    }
    public static var schedule: String { t("schedule", "запланувати") }
    public static var scheduleHelp: String {
      t("Publish an approved draft later.", "Опублікувати схвалену чернетку пізніше.")
    }
    public static var publish: String { t("publish", "опублікувати") }
    public static var publishHelp: String {
      t("Publish to one or more platforms (asks first).", "Опублікувати (спершу питає).")
    }
    public static var retry: String { t("retry", "повторити") }
    public static var retryHelp: String {
      t("Queue a failed draft's generation again.", "Знову поставити невдалу генерацію в чергу.")
    }
    public static var forgetStyle: String { t("unlearn", "забути стиль") }
    public static var forgetStyleHelp: String {
      t(
        "Take a published post out of the style samples (operator; asks first).",
        "Прибрати опублікований пост зі зразків стилю (оператор).")
    }
    public static var reindex: String { t("reindex", "переіндексувати") }
    public static var reindexHelp: String {
      t("Rebuild the knowledge-base index (operator; asks first).", "Перебудувати індекс бази.")
    }
    public static var requeue: String { t("requeue", "відродити") }
    public static var requeueHelp: String {
      t("Put every dead task back in the queue (operator).", "Повернути мертві задачі в чергу.")
    }
    public static var refresh: String { t("refresh", "оновити") }
    public static var refreshHelp: String { t("Fetch everything now.", "Завантажити все зараз.") }
    public static var help: String { t("help", "довідка") }
    public static var helpHelp: String { t("Show or hide this help.", "Показати чи сховати.") }
    public static var quit: String { t("quit", "вийти") }
    public static var quitHelp: String {
      t("Leave the dashboard.", "Вийти з панелі.")
    }
  }

  /// Refusals of the access gate.
  public enum Gate {
    public static func readOnly(_ label: String) -> String {
      Catalogue.pick("read-only mode: \(label) is disabled", "лише читання: «\(label)» вимкнено")
    }
    public static func onCall(_ label: String) -> String {
      Catalogue.pick(
        "on-call tokens are read-only: \(label) refused",
        "токен чергового лише для читання: «\(label)» відмовлено")
    }
    public static func operatorOnly(_ label: String) -> String {
      Catalogue.pick("\(label) needs the operator role", "«\(label)» потребує ролі оператора")
    }
  }
}
