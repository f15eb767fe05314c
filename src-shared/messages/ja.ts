// Japanese is the product's first language; en.ts must have exactly the same keys (checked by its type).
export const ja = {
  app: {
    title: '基本使用サービス管理',
    loading: '読み込んでいます…',
    language: '表示言語',
  },
  menu: {
    help: 'ヘルプ',
    versionInfo: 'バージョン情報',
    activate: 'ライセンス認証',
  },
  versionInfo: {
    title: 'バージョン情報',
    productVersion: '製品バージョン',
    product: '製品',
    edition: 'エディション',
    licenseNumber: 'ライセンス番号',
    deviceNumber: '端末認証番号',
    termStart: '基本使用サービス開始日',
    termEnd: '基本使用サービス有効期限',
    lastOnlineCheck: '最終オンライン確認',
    never: '未確認',
    notActivated: 'ライセンス認証がまだ行われていません。',
    close: '閉じる',
  },
  edition: { package: 'パッケージ版', download: 'ダウンロード版' },
  activation: {
    title: 'ライセンス認証',
    lead: 'ご契約時にお送りしたメールに記載されているライセンス番号を入力してください。認証にはインターネット接続が必要です。',
    licenseNumber: 'ライセンス番号',
    placeholder: 'XXXX-XXXX-XXXX-XXXX',
    submit: '認証する',
    working: '認証しています…',
    done: 'ライセンス認証が完了しました。',
  },
  errors: {
    'invalid-request': '要求の内容が正しくありません。製品を最新の状態にしてからもう一度お試しください。',
    'not-found': '要求された情報が見つかりませんでした。',
    internal: 'ライセンスサーバーで問題が発生しました。しばらくしてからもう一度お試しください。',
    'license-number-format': 'ライセンス番号の形式が正しくありません。4文字ずつ4組、合計16文字で入力してください。',
    'license-number-check': 'ライセンス番号に入力間違いがあります。メールに記載の番号をもう一度ご確認ください。',
    'unknown-license': 'このライセンス番号は登録されていません。番号をご確認のうえ、サポートセンターへお問い合わせください。',
    'product-mismatch': 'このライセンス番号はこの製品用ではありません。',
    moved: 'このライセンスは別の端末で使用されています。この端末で使うには、もう一度ライセンス認証を行ってください。',
    revoked: 'このライセンスは停止されています。サポートセンターへお問い合わせください。',
    cancelled: 'このライセンスは解約されています。',
    'rate-limited': '短時間に多くの要求がありました。しばらく待ってからもう一度お試しください。',
    'service-unreachable': 'ライセンスサーバーに接続できません。ネットワークに接続してからもう一度お試しください。',
    'service-bad-response': 'ライセンスサーバーから想定外の応答がありました。しばらくしてからもう一度お試しください。',
    'license-signature-invalid': 'ライセンスサーバーの応答の署名を確認できませんでした。ライセンスは保存していません。正しい接続先かどうかをご確認のうえ、サポートセンターへお問い合わせください。',
    'stored-license-invalid': '保存されているライセンス情報を確認できませんでした。もう一度ライセンス認証を行ってください。',
    'database-too-new': 'ライセンス情報がこの製品より新しいバージョンで保存されています。製品を最新版に更新してください。',
    'not-activated': 'ライセンス認証がまだ行われていません。',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof ja>;
