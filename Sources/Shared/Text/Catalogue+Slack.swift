/// The Slack app's text.
extension Catalogue {
  /// Every word the Slack app shows. The language is fixed per value (from
  /// `SERA_POST_LANGUAGE`) rather than task-local, because Slack requests are answered on
  /// libmicrohttpd's threads and the relay's, outside any task.
  public struct Slack: Sendable {
    let language: Language

    /// The texts for a language code: `uk` gives Ukrainian, anything else English.
    public init(language code: String) {
      self.language = Language(code: code) ?? .english
    }

    func pick(_ english: String, _ ukrainian: String) -> String {
      language == .ukrainian ? ukrainian : english
    }

    public func workingOnIt(topic: String, platform: Platform) -> String {
      pick(
        "Working on a draft for \(platform.displayName) about “\(topic)”. The card appears here when it is ready.",
        "Готую чернетку для \(platform.displayName) на тему «\(topic)». Картка з’явиться тут, щойно вона буде готова."
      )
    }

    public func unknownCommand(_ command: String) -> String {
      pick(
        "I do not know \(command). Try `/draft <topic>` (optionally ending with telegram, twitter or threads), or `/draft` alone to open a form.",
        "Команда \(command) мені невідома. Спробуйте `/draft <тема>` (можна додати telegram, twitter чи threads у кінці) або просто `/draft`, щоб відкрити форму."
      )
    }

    public func rateLimited(seconds: Int) -> String {
      pick(
        "That is more than 10 drafts in a minute. Try again in \(seconds) s.",
        "Це понад 10 чернеток за хвилину. Спробуйте знову через \(seconds) с.")
    }

    public func topicTooLong(_ limit: Int) -> String {
      pick(
        "A topic can be at most \(limit) characters; please shorten it.",
        "Тема може мати щонайбільше \(limit) символів; скоротіть її, будь ласка.")
    }

    public var unavailable: String {
      pick(
        "Sera cannot take drafts right now (its database or queue is not answering). Please try again in a minute; on-call has been alerted by the health check.",
        "Sera зараз не може прийняти чернетку (база даних або черга не відповідає). Спробуйте за хвилину; черговий бачить це в перевірці стану."
      )
    }

    public var formNeedsToken: String {
      pick(
        "The form cannot open because the Slack app has no bot token yet. Type `/draft <topic>` instead.",
        "Форма не відкривається: у Slack-застосунку ще немає токена бота. Напишіть `/draft <тема>`."
      )
    }

    public var alreadyPublished: String {
      pick(
        "Already published: this draft goes out once, however often Publish is pressed.",
        "Вже опубліковано: ця чернетка виходить один раз, скільки б разів не натискали «Опублікувати»."
      )
    }

    public func draftMoved(status: DraftStatus) -> String {
      pick(
        "This card is out of date: the draft is now \(statusName(status)). The card will refresh in a moment.",
        "Картка застаріла: чернетка зараз у стані «\(statusName(status))». Картка оновиться за мить."
      )
    }

    public var draftMissing: String {
      pick("That draft no longer exists.", "Цієї чернетки більше немає.")
    }

    public func statusName(_ status: DraftStatus) -> String {
      switch status {
      case .pending: return pick("waiting to be written", "в черзі на написання")
      case .generating: return pick("being written", "пишеться")
      case .generated: return pick("ready for review", "готова до перевірки")
      case .approved: return pick("approved", "схвалена")
      case .scheduled: return pick("scheduled", "запланована")
      case .publishing: return pick("publishing", "публікується")
      case .published: return pick("published", "опублікована")
      case .rejected: return pick("rejected", "відхилена")
      case .failed: return pick("failed", "не вдалася")
      case .publishFailed: return pick("not published", "не опублікована")
      }
    }
  }
}

extension Catalogue.Slack {
  public var newDraftTitle: String { pick("New draft", "Нова чернетка") }
  public var editTitle: String { pick("Edit draft", "Редагувати чернетку") }
  public var scheduleTitle: String { pick("Schedule post", "Запланувати допис") }
  public var create: String { pick("Create", "Створити") }
  public var save: String { pick("Save", "Зберегти") }
  public var cancel: String { pick("Cancel", "Скасувати") }
  public var topicLabel: String { pick("Topic", "Тема") }
  public var sourceURLLabel: String {
    pick("Source URL (optional)", "Посилання на джерело (необов’язково)")
  }
  public var contentLabel: String { pick("Text", "Текст") }
  public var publishAtLabel: String { pick("Publish at", "Опублікувати о") }
  public var rejectTitle: String { pick("Reject draft", "Відхилити чернетку") }
  public var reasonLabel: String {
    pick("Why? (optional; the writer learns from it)", "Чому? (необов’язково; це врахують надалі)")
  }
  public func reasonTooLong(_ limit: Int) -> String {
    pick(
      "A reason can be at most \(limit) characters.",
      "Причина може мати щонайбільше \(limit) символів.")
  }
  public var homeTitle: String { pick("Your recent drafts", "Ваші останні чернетки") }
  public var homeEmpty: String {
    pick(
      "No drafts yet. Type `/draft <topic>` in any channel, or press New draft.",
      "Чернеток ще немає. Напишіть `/draft <тема>` у будь-якому каналі або натисніть «Нова чернетка»."
    )
  }
  public var publishAtInPast: String {
    pick(
      "Choose a time in the future, at most a year ahead.",
      "Оберіть час у майбутньому, не далі ніж за рік.")
  }
  public var unknownPlatform: String {
    pick("Choose Telegram, X or Threads.", "Оберіть Telegram, X або Threads.")
  }
  public var contentEmpty: String {
    pick("The text must not be empty.", "Текст не може бути порожнім.")
  }
}

extension Catalogue.Slack {
  public func cardFallback(topic: String) -> String {
    pick("Draft ready: \(topic)", "Чернетка готова: \(topic)")
  }

  public var platformLabel: String { pick("Platform", "Платформа") }
  public var statusLabel: String { pick("Status", "Стан") }
  public var sourcesLabel: String { pick("Sources", "Джерела") }
  public var noSources: String { pick("no sources were used", "джерела не використано") }
  public var factCheckLabel: String { pick("Fact check", "Перевірка фактів") }
  public var noVerdict: String { pick("not run", "не виконувалась") }

  public func length(_ used: Int, of limit: Int, unit: String) -> String {
    let over = used > limit
    return pick(
      "Length: \(used) of \(limit) \(unit)" + (over ? " — too long to publish, edit it first" : ""),
      "Довжина: \(used) з \(limit) (\(unit))"
        + (over ? " — задовга для публікації, спершу відредагуйте" : ""))
  }

  public func textCut(shown: Int, total: Int) -> String {
    pick(
      "Only the first \(shown) of \(total) characters fit in a Slack card; press Edit to see all.",
      "У картку Slack вмістилися лише перші \(shown) з \(total) символів; натисніть «Редагувати», щоб побачити все."
    )
  }

  public var publish: String { pick("Publish", "Опублікувати") }
  public var schedule: String { pick("Schedule", "Запланувати") }
  public var edit: String { pick("Edit", "Редагувати") }
  public var regenerate: String { pick("Regenerate", "Перегенерувати") }
  public var reject: String { pick("Reject", "Відхилити") }

  public var publishedLine: String {
    pick(":white_check_mark: Published.", ":white_check_mark: Опубліковано.")
  }
  public var publishingLine: String { pick(":hourglass: Publishing…", ":hourglass: Публікується…") }
  public var rejectedLine: String { pick(":no_entry: Rejected.", ":no_entry: Відхилено.") }

  public func scheduledLine(_ when: String) -> String {
    pick(":clock3: Scheduled for \(when) UTC.", ":clock3: Заплановано на \(when) UTC.")
  }

  /// Generation failed after its retries: what failed and what to do, never the raw error.
  public func generationFailed(topic: String) -> String {
    pick(
      ":warning: The draft about “\(topic)” could not be written, even after several attempts. Nothing was published. What to do: press Regenerate, or run `/draft` again in a few minutes; if it keeps failing, tell on-call (the writer or its sources may be down).",
      ":warning: Чернетку на тему «\(topic)» не вдалося написати навіть після кількох спроб. Нічого не опубліковано. Що робити: натисніть «Перегенерувати» або повторіть `/draft` за кілька хвилин; якщо знову не вийде, повідомте чергового (сервіс написання або джерела можуть бути недоступні)."
    )
  }

  /// Publishing failed after its retries: the first line, before each platform's outcome.
  public func publishFailedHeading(topic: String) -> String {
    pick(
      ":warning: The post about “\(topic)” was not published everywhere it was meant to go:",
      ":warning: Допис на тему «\(topic)» опубліковано не скрізь, де мав вийти:")
  }

  public func platformPublished(_ platform: String) -> String {
    pick("\(platform): published", "\(platform): опубліковано")
  }

  public func platformFailed(_ platform: String, error: String) -> String {
    pick("\(platform): not published — \(error)", "\(platform): не опубліковано — \(error)")
  }

  public func platformUnconfirmed(_ platform: String) -> String {
    pick("\(platform): not confirmed", "\(platform): не підтверджено")
  }

  public func publishFailedReason(_ reason: String) -> String {
    pick("Reason: \(reason)", "Причина: \(reason)")
  }

  /// What to do about a failed publish; only the platforms not yet published are retried.
  public var publishFailedAdvice: String {
    pick(
      "What to do: check the errors above and press Publish again; only the platforms not yet published are retried. If it fails again, tell on-call (the platform may be refusing posts).",
      "Що робити: перегляньте помилки вище й знову натисніть «Опублікувати»; повторно надсилається лише туди, де ще не опубліковано. Якщо знову не вийде, повідомте чергового (платформа може відхиляти дописи)."
    )
  }

  public var problemsLabel: String { pick("Problems found", "Знайдені проблеми") }
}
