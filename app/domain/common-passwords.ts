/**
 * The passwords people choose first, from the published leak lists (the CSDN/Tianya/163 leaks
 * for Chinese users, SplashData/NCSC for everyone). Only entries of 8+ characters matter,
 * since shorter ones fail the length rule first. Stored lower-case; compared lower-case.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // digits
  "12345678", "123456789", "1234567890", "0123456789", "87654321", "987654321", "9876543210",
  "11111111", "111111111", "1111111111", "00000000", "000000000", "0000000000", "22222222",
  "33333333", "44444444", "55555555", "66666666", "666666666", "77777777", "88888888",
  "888888888", "99999999", "999999999", "12121212", "11223344", "12344321", "12341234",
  "123123123", "123321123", "321321321", "147258369", "147852369", "159357456", "159753123",
  "123654789", "789456123", "741852963", "963852741", "258258258", "369369369", "13141314",
  "31415926", "314159265", "110110110", "120120120", "12301230", "100200300", "10203040",
  "11112222", "11223344", "11235813", "12345600", "12345666", "12345677", "12345679",
  "12345687", "12345688", "12345689", "12348765", "123456123", "123456654", "123456780",
  "123456798", "123456987", "1234554321", "20082008", "20102010", "20112011", "20122012",
  "19491001", "19880808", "19861010", "12369874", "14789632", "98765432", "52013140",
  // 520 = 我爱你, 1314 = 一生一世, and their companions
  "5201314", "52013145", "520131400", "5201314520", "1314520", "13145200", "1314521",
  "5211314", "52113140", "520520520", "520520", "52052000", "5201314a", "a5201314",
  "5201314abc", "woaini1314", "woaini520", "woaini521", "woaini123", "woaini123456",
  "iloveyou1314", "woaiwojia", "woaiwoma", "woaini1314520", "wo520ni1314", "woainimama",
  "woainibaobao", "laopo520", "laogong520", "baobei520", "baobei1314", "zhang520", "wang1314",
  "aini1314", "aini520", "ai1314520", "1314woaini", "520woaini", "wuwuwuwu", "memeda520",
  // QQ and the keyboard
  "qq123456", "qq5201314", "qq666666", "qq888888", "qq111111", "qq12345678", "qqqqqqqq",
  "qq1234567", "qazwsxedc", "qazwsx123", "1qaz2wsx", "1qaz2wsx3edc", "zaq12wsx", "qwertyui",
  "qwertyuiop", "qwerty123", "qwer1234", "1234qwer", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4",
  "asdfghjk", "asdfghjkl", "asdf1234", "asdasdasd", "asdfasdf", "zxcvbnm1", "zxcvbnm123",
  "zxcvbnma", "1234asdf", "qweasdzxc", "qweqweqwe", "asd123456", "zxc123456", "qwe123456",
  "!qaz2wsx", "!qaz@wsx", "1qazxsw2", "2wsx3edc", "123qweasd", "123qwe123", "qwe123qwe",
  // letters + digits
  "a12345678", "a123456789", "aa123456", "aa12345678", "abc12345", "abc123456", "abc123456789",
  "abcd1234", "abcd12345", "abcd123456", "123456abc", "123456aa", "123456789a", "123456789abc",
  "a1234567", "a1b2c3d4", "a1b2c3d4e5", "aaaaaaaa", "abcdefgh", "abcdefg1", "abcdefg123",
  "aaa12345", "aaa123456", "abc12345678", "12345abc", "1234abcd", "123abc123", "abc123abc",
  "a11111111", "a0000000", "a00000000", "a88888888", "a66666666", "a11111111", "q1234567",
  "z1234567", "w1234567", "z12345678", "w12345678", "q12345678", "s12345678", "x12345678",
  // words
  "password", "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword",
  "iloveyou", "iloveyou1", "iloveyou2", "princess", "sunshine", "football", "baseball",
  "basketball", "superman", "batman123", "starwars", "whatever", "trustno1", "welcome1",
  "welcome123", "letmein1", "changeme", "computer", "internet", "michelle", "jennifer",
  "jordan23", "liverpool", "chelsea1", "arsenal1", "dragon123", "monkey123", "shadow123",
  "master123", "qwerty12", "admin123", "admin1234", "administrator", "root1234", "test1234",
  "test12345", "user1234", "guest123", "default1", "homepage", "lovelove", "loveyou1",
  "11qqaazz", "mingming", "lovely123", "angel123", "hello123", "hello1234", "hellokitty",
  // pinyin favourites from the Chinese leak lists
  "woaini", "wodemima", "mima1234", "mima123456", "zhongguo", "zhongguo1", "zhongguo123",
  "zhongguoren", "beijing1", "beijing2008", "shanghai", "tianya123", "dearbook", "xiazhili",
  "qingdao1", "shenzhen", "guangzhou", "wangyang", "zhangwei", "wangwei1", "liuyang1",
  "zhang123", "wang123456", "li123456", "liu123456", "chen123456", "yang123456", "huang123",
  "zhao123456", "xiaoming", "xiaohong", "xiaoxiao", "xiaoyu123", "tiantian", "lingling",
  "jiajia123", "huanhuan", "dongdong", "yangyang", "wangjian", "fuckyou1", "nihao123",
  "nihaoma1", "haoxiang", "shuai123", "meinv123", "dabaobei", "baobao123", "zhuzhu123",
  "lanqiu123", "zuqiu123", "wanmei123", "sihai888", "fafafa888", "facai888", "facai8888",
  "888888aa", "168168168", "16881688", "18881888", "88889999", "66668888", "86868686",
  "cunzhan1", "cunzhan123", "cunzhan2026", "taobao123", "taobao888", "alipay123", "weixin123",
  "wechat123", "baidu1234", "qianxi123", "guizhou1", "guizhou123",
];
