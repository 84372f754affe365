/**
 * The source dictionary: every user-facing string, in Simplified Chinese.
 * Keys are dotted by page or component. `{name}` marks a value filled in at run time.
 * en.ts must have exactly the same keys (the compiler checks) and placeholders (a unit test checks).
 */
export const zhCN = {
  "app.name": "村站",
  "app.tagline": "村级电商服务站",
  "app.skipToContent": "跳到正文",
  "nav.home": "首页",
  "nav.stations": "服务站",
  "nav.language": "语言",
  "nav.switchTo": "English",
  "nav.switchToLabel": "切换到英文",
  "footer.about": "村站帮助村级电商服务站代卖农特产品，佣金归村集体，账目向村民公开。",
  "footer.county": "{county} · {province}",

  "home.title": "{county}村级电商服务站",
  "home.intro": "在这里买到{county}各村农户的金银花、黄花、腊肉、大葱等农特产品。每笔交易的佣金都进入村集体经济，用于服务站的运维，并向村民公开。",
  "home.stationsHeading": "服务站",
  "home.stationCount": "共 {count} 个服务站",
  "home.noStations": "还没有服务站。",
  "home.metaDescription": "{county}的村级电商服务站：农特产品、农户代卖、村集体经济公开。",

  "station.village": "所在村",
  "station.township": "所属乡镇",
  "station.address": "地址",
  "station.openingHours": "营业时间",
  "station.operator": "联系人",
  "station.phone": "联系电话",
  "station.cooperation": "合作情况",
  "station.notProvided": "暂无",
  "station.backToList": "返回服务站列表",
  "station.visit": "查看服务站",
  "station.metaDescription": "{station}：{township}{village}的村级电商服务站。",

  "township.town": "镇",
  "township.township": "乡",

  "error.notFound.title": "没有找到这个页面",
  "error.notFound.body": "地址可能有误，或者这个页面已经不存在了。",
  "error.forbidden.title": "没有权限",
  "error.forbidden.body": "您没有查看这个页面的权限。",
  "error.generic.title": "出错了",
  "error.generic.body": "服务暂时出了问题，请稍后再试。如果一直这样，请联系县电商服务中心。",
  "error.backHome": "回到首页",

  "form.required": "请填写此项",
  "form.invalid": "格式不正确",
} as const;

export type MessageKey = keyof typeof zhCN;
