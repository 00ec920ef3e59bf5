/// The dashboard's ops figures, alert banners, dialogs and status-line messages.
extension Catalogue.Dashboard {
  /// Labels of the ops figures.
  public enum Ops {
    static func t(_ english: String, _ ukrainian: String) -> String {
      Catalogue.pick(english, ukrainian)
    }
    public static func queue(_ q: QueueCounts) -> String {
      t("Queue ", "Черга ") + "\(q.depth) " + t("wait", "чекають") + " · \(q.inFlight) "
        + t("run", "йдуть") + " · \(q.delayed) " + t("delay", "відкладені") + " · \(q.dead) "
        + t("dead", "мертві")
    }
    public static func failures(rate: Double, failed: Int, total: Int) -> String {
      t("Fail 1h ", "Збої 1г ") + Catalogue.percent(rate) + " (\(failed)/\(total)) "
        + t("limit ", "межа ") + Catalogue.percent(RunbookThresholds.taskFailureRate)
    }
    public static func p95(_ seconds: Double?) -> String {
      "p95 " + (seconds.map { Catalogue.oneDecimal($0) + " s" } ?? "n/a") + t(" (limit ", " (межа ")
        + "\(Int(RunbookThresholds.generateDraftP95Seconds)) s)"
    }
    public static func cost(today: Double, month: Double, perDraft: Double?) -> String {
      t("LLM $ today ", "LLM $ сьогодні ") + Catalogue.dollars(today) + t(" · month ", " · місяць ")
        + Catalogue.dollars(month)
        + (perDraft.map { t(" · per draft ", " · на чернетку ") + Catalogue.dollars($0) } ?? "")
    }
    public static func llmErrors(rate: Double, calls: Int) -> String {
      t("LLM err ", "Помилки LLM ") + Catalogue.percent(rate) + " / \(calls) " + t("calls", "викл.")
        + " 5m" + t(" (limit ", " (межа ") + Catalogue.percent(RunbookThresholds.llmErrorRate) + ")"
    }
    public static func reindex(_ p: ReindexProgress) -> String {
      t("Reindex ", "Індексація ") + p.state.rawValue + t(": docs ", ": документи ")
        + "\(p.documentsDone)/\(p.documentsTotal)" + t(" chunks ", " фрагменти ")
        + "\(p.chunksDone)/\(p.chunksTotal)"
    }
    public static func rate(perSecond: Double, etaSeconds: Int?) -> String {
      Catalogue.oneDecimal(perSecond) + t(" chunks/s", " фрагм./с")
        + (etaSeconds.map { t(" · ETA ", " · залишилось ") + "\($0) s" } ?? "")
    }
    public static var healthColumns: String {
      t(
        "service   state   latency last    what failed",
        "сервіс    стан    затрим. перевір. що не так")
    }
  }

  /// Alert banners: which threshold fired and the runbook step to take.
  public enum Alerts {
    static func t(_ english: String, _ ukrainian: String) -> String {
      Catalogue.pick(english, ukrainian)
    }
    public static func queue(_ depth: Int) -> String {
      t("ALERT queue ", "ТРИВОГА черга ") + "\(depth) > \(RunbookThresholds.queueDepth): "
        + t(
          "runbook: restart the worker (check: sera tasks)",
          "ранбук: перезапустіть воркер (перевірка: sera tasks)")
    }
    public static func failures(_ rate: Double) -> String {
      t("ALERT task failures ", "ТРИВОГА збої задач ") + Catalogue.percent(rate) + " > "
        + Catalogue.percent(RunbookThresholds.taskFailureRate) + " 1h: "
        + t(
          "runbook: find the failing task in the worker log; check LLM, PostgreSQL",
          "ранбук: знайдіть задачу в журналі воркера; перевірте LLM, PostgreSQL")
    }
    public static func p95(_ seconds: Double) -> String {
      t("ALERT p95 ", "ТРИВОГА p95 ") + Catalogue.oneDecimal(seconds) + " s > "
        + "\(Int(RunbookThresholds.generateDraftP95Seconds)) s: "
        + t(
          "runbook: find the slow stage (style, fact check, LLM) in the worker log",
          "ранбук: знайдіть повільний етап (стиль, факти, LLM) у журналі")
    }
    public static func llm(_ rate: Double) -> String {
      t("ALERT LLM errors ", "ТРИВОГА помилки LLM ") + Catalogue.percent(rate) + " > "
        + Catalogue.percent(RunbookThresholds.llmErrorRate) + ": "
        + t(
          "runbook: check the provider, key and quota; fallback should take over",
          "ранбук: перевірте провайдера, ключ і квоту; має спрацювати резерв")
    }
    public static func serviceDown(_ name: String) -> String {
      // PostgreSQL and Redis are the stack script's; the sera processes are up.sh's.
      let command =
        ["postgres", "redis"].contains(name) ? "scripts/stack.sh up" : "scripts/up.sh --no-tui"
      return t("ALERT ", "ТРИВОГА ") + name + t(" DOWN", " ЛЕЖИТЬ") + ": "
        + t("runbook service map: restart it (", "ранбук, карта сервісів: перезапустіть (")
        + command + ")"
    }
  }

  /// Dialogs and forms.
  public enum Dialog {
    static func t(_ english: String, _ ukrainian: String) -> String {
      Catalogue.pick(english, ukrainian)
    }
    public static var newTitle: String { t("New draft", "Нова чернетка") }
    public static var topicLabel: String { t("Topic: ", "Тема: ") }
    public static var platformLabel: String { t("Platform: ", "Платформа: ") }
    public static var urlLabel: String { t("Source URL: ", "URL джерела: ") }
    public static var newHint: String {
      t("Enter: next/submit · Tab: field · t/x/h: platform · Esc", "Enter: далі · Tab: поле · Esc")
    }
    public static var rejectTitle: String { t("Reject draft", "Відхилити чернетку") }
    public static var reasonLabel: String { t("Reason: ", "Причина: ") }
    public static var noteTitle: String { t("Rewrite with a note", "Переписати з приміткою") }
    public static var noteLabel: String { t("Note: ", "Примітка: ") }
    public static var scheduleTitle: String { t("Schedule", "Запланувати") }
    public static var whenLabel: String { t("When: ", "Коли: ") }
    public static var scheduleHint: String {
      t(
        "+30m, +2h, +1d or YYYY-MM-DD HH:MM (local) · Enter · Esc",
        "+30m, +2h, +1d або РРРР-ММ-ДД ГГ:ХХ · Enter · Esc")
    }
    public static var publishTitle: String { t("Publish to", "Опублікувати в") }
    public static var publishHint: String {
      t("t/x/h or Space: toggle · Enter: next · Esc", "t/x/h чи пробіл: вибір · Enter · Esc")
    }
    public static var searchTitle: String { t("Search", "Пошук") }
    public static var inputHint: String {
      t("Enter: go · Esc: cancel", "Enter: так · Esc: скасувати")
    }
    public static var confirmTitle: String { t("Confirm", "Підтвердження") }
    public static var confirmButtons: String {
      t("[ Cancel ]   y = yes, do it", "[ Скасувати ]   y = так, виконати")
    }
    public static var helpTitle: String { t("Keys (? or Esc closes)", "Клавіші (? чи Esc)") }
    public static var helpFormNote: String {
      t("In forms, typing never triggers actions; Esc cancels.", "У формах літери лише вводяться.")
    }
    public static func publish(id: Int64, topic: String, platforms: String) -> String {
      t("Publish draft #", "Опублікувати чернетку #") + "\(id) \"\(topic)\" " + t("to ", "в ")
        + platforms + t("? It goes out publicly.", "? Це побачать усі.")
    }
    public static var reindex: String {
      t(
        "Rebuild the knowledge-base index: re-read every document in knowledge_base/ and replace "
          + "its chunks. Drafts keep working meanwhile; it can take minutes.",
        "Перебудувати індекс: перечитати всі документи knowledge_base/ і замінити фрагменти. "
          + "Чернетки працюють далі; це може тривати хвилини.")
    }
    public static func forgetStyle(id: Int64) -> String {
      t(
        "Take published draft #\(id) out of the style samples? New drafts stop imitating it; "
          + "the post itself stays online.",
        "Прибрати опубліковану чернетку #\(id) зі зразків стилю? Нові чернетки перестануть її "
          + "наслідувати; сам пост лишиться.")
    }
    public static func requeue(dead: Int) -> String {
      t("Put \(dead) dead task(s) back in the queue?", "Повернути \(dead) мертвих задач у чергу?")
    }
  }

  /// Status-line messages.
  public enum Status {
    static func t(_ english: String, _ ukrainian: String) -> String {
      Catalogue.pick(english, ukrainian)
    }
    public static var emptyTopic: String { t("a topic is needed", "потрібна тема") }
    public static var emptyReason: String { t("a reason is needed", "потрібна причина") }
    public static var emptyNote: String { t("a note is needed", "потрібна примітка") }
    public static var noPlatform: String { t("pick at least one platform", "виберіть платформу") }
    public static var badTime: String {
      t("give a future time: +30m, +2h or YYYY-MM-DD HH:MM", "вкажіть майбутній час: +30m, +2h")
    }
    public static var noDraftSelected: String { t("no draft selected", "чернетку не вибрано") }
    public static var cancelled: String { t("cancelled", "скасовано") }
    public static var unchanged: String { t("text unchanged", "текст не змінено") }
    public static func editorFailed(_ why: String) -> String {
      t("editor failed: ", "редактор не спрацював: ") + why
    }
    public static func notAllowed(_ id: Int64, _ status: String, _ what: String) -> String {
      "#\(id) " + t("is ", "має статус ") + status + t(": cannot ", ": неможливо ") + what
    }
    public static func sending(_ what: String) -> String {
      t("sending: ", "надсилаю: ") + what + "…"
    }
    public static func done(_ what: String) -> String { t("done: ", "готово: ") + what }
  }
}
