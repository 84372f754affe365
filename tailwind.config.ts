import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // A warm green for the countryside, with enough contrast on cheap screens.
        brand: { 50: "#f0f9f1", 100: "#dcf1df", 600: "#2f7d3b", 700: "#25642f", 800: "#1d4f25" },
      },
      fontFamily: {
        sans: ['"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"Noto Sans CJK SC"', "system-ui", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;
