import type { Provenance } from './provenance.js';

/**
 * The public texts the rule sets cite (../shared/SOURCES.md lists where each was read). Quoted pages are
 * given where the document itself is not published in full.
 */
export const DIRECTIVE_35 = 'Chỉ thị 35-CT/TW (30/5/2019)';
export const DIRECTIVE_45 = 'Chỉ thị 45-CT/TW (14/4/2025)';
export const CHARTER = 'Điều lệ Đảng (2011)';
export const QD_29 = 'Quy định 29-QĐ/TW (2016) thi hành Điều lệ Đảng';
export const QD_24 = 'Quy định 24-QĐ/TW (30/7/2021) thi hành Điều lệ Đảng';
export const QD_244 = 'Quyết định 244-QĐ/TW (2014), Quy chế bầu cử trong Đảng';
export const QD_190 = 'Quyết định 190-QĐ/TW (10/10/2024), Quy chế bầu cử trong Đảng';

/** Directive 35 §5 (timing of congresses), as printed in the 2019 guidance book. */
export const DIRECTIVE_35_TIMING_URL =
  'http://tvs.vuc.vn/data/sachdientu/chuanbithattotdaihoi_9786045755679/files/basic-html/page110.html';
export const DIRECTIVE_35_TEXT_URL =
  'https://badinh.hanoi.gov.vn/dai-hoi-dang-bo-quan-ba-dinh-lan-thu-xxvi/-/view_content/4752770-chi-thi-so-35-ct-tw-ngay-30-5-2019-cua-ban-chap-hanh-trung-uong-dang-ve-dai-hoi-dang-bo-cac-cap-tien-toi-dai-hoi-dai-bieu-toan-quoc-lan-thu-xiii-cua-d.html';
export const DIRECTIVE_45_URL =
  'https://www.evn.com.vn/d/vi-VN/news/Bo-Chinh-tri-ban-hanh-Chi-thi-so-45-CTTW-ve-dai-hoi-dang-bo-cac-cap-tien-toi-Dai-hoi-dai-bieu-toan-quoc-lan-thu-XIV-cua-Dang-60-183-502456';
export const CELL_TERM_URL =
  'http://dangcongsan.vn/tien-toi-dai-hoi-dang-bo-cac-cap-va-dai-hoi-xiii-cua-dang/chuyen-muc-hoi-dap/nhiem-ky-dai-hoi-cua-chi-bo-truc-thuoc-dang-uy-bo-phan-dang-uy-co-so-555577.html';
export const CELL_COMMITTEE_URL =
  'https://thuvienphapluat.vn/hoi-dap-phap-luat/iframe/54AB4-hd-chi-bo-dang-co-bat-buoc-phai-co-chi-uy.html';
export const CONVENING_URL =
  'https://lawnet.vn/thong-tin-phap-luat/en/can-bo-cong-chuc-vien-chuc/convening-congresses-of-party-committees-within-the-communist-party-of-vietnam-102300.html';
export const SURPLUS_URL =
  'https://baobackan.vn/quy-dinh-ve-so-du-danh-sach-va-phieu-bau-cu-theo-quyet-dinh-moi-ve-quy-che-bau-cu-trong-dang-post66998.html';

export function national(document: string, article: string, url?: string): Provenance {
  return { source: url ? { document, article, url } : { document, article } };
}

export function localPolicy(setBy: string): Provenance {
  return { basis: 'local-policy', setBy };
}

/** Numbers no national text sets, chosen as this product's defaults; a deployment may override them. */
export const PRODUCT_DEFAULT = localPolicy('congress-engine default (no national text sets it)');
